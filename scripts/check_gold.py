#!/usr/bin/env python3
"""Validate the gold stories in fixtures/ (stdlib only).

For every fixtures/**/expected.json: every doc named exists, every quote occurs
verbatim in its doc (the whole file, front matter included, as tests/stories.rs
reads it). For real clusters (fixtures/real/*): at least three outlets, at least
five not_conflicts, and, when ../shared/corpora/saudinewsnet-dev exists next to
the repository, each article body (after the front matter) equals the `text` of
a corpus record with the same url.

Run from anywhere: python3 scripts/check_gold.py
"""
import glob
import gzip
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpora", "saudinewsnet-dev")
LISTS = ["conflicts", "tolerated", "not_conflicts", "corroborations", "no_quantity_claims", "relative_dates"]


def split_front_matter(text):
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    meta = {}
    for line in text[4:end].split("\n"):
        k, _, v = line.partition(":")
        v = v.strip()
        if v.startswith('"'):
            v = json.loads(v)
        meta[k.strip()] = v
    return meta, text[end + 5:]


def quotes_of(exp):
    """Yield (where, quote-object) for every quote in an expected.json."""
    for key in LISTS:
        for n, entry in enumerate(exp.get(key, [])):
            where = f"{key}[{n}]"
            if "doc" in entry:
                yield where, entry
            for side in ("a", "b", "claims"):
                for q in entry.get(side, []):
                    yield f"{where}.{side}", q


def load_corpus():
    by_url = {}
    for f in sorted(glob.glob(os.path.join(CORPUS, "*.jsonl.gz"))):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                by_url.setdefault(r["url"], []).append(r)
    return by_url


def main():
    problems = []
    corpus = None
    if os.path.isdir(CORPUS):
        corpus = load_corpus()
    else:
        print(f"note: {CORPUS} not found; skipping the byte-for-byte corpus comparison")
    files = sorted(glob.glob(os.path.join(ROOT, "fixtures", "**", "expected.json"), recursive=True))
    if not files:
        problems.append("no fixtures/**/expected.json found")
    for path in files:
        story = os.path.dirname(path)
        rel = os.path.relpath(story, ROOT)
        real = os.path.relpath(story, os.path.join(ROOT, "fixtures")).startswith("real" + os.sep)
        with open(path, encoding="utf-8") as fh:
            exp = json.load(fh)
        for key in LISTS:
            if not isinstance(exp.get(key), list):
                problems.append(f"{rel}: missing list {key}")
        texts = {}
        nq = 0
        for where, q in quotes_of(exp):
            nq += 1
            doc = q.get("doc")
            if doc not in texts:
                p = os.path.join(story, doc or "")
                if not doc or not os.path.isfile(p):
                    problems.append(f"{rel}: {where}: doc {doc!r} does not exist")
                    texts[doc] = None
                    continue
                with open(p, encoding="utf-8", newline="") as fh:
                    texts[doc] = fh.read()
            if texts[doc] is not None and q.get("quote", "") not in texts[doc]:
                problems.append(f"{rel}: {where}: quote «{q.get('quote')}» not in {doc}")
            if not q.get("quote"):
                problems.append(f"{rel}: {where}: empty quote")
        summary = f"{rel}: {nq} quotes"
        if real:
            docs = sorted(glob.glob(os.path.join(story, "*.md")))
            outlets = set()
            for d in docs:
                with open(d, encoding="utf-8", newline="") as fh:
                    meta, body = split_front_matter(fh.read())
                outlets.add(meta.get("outlet"))
                for field in ("title", "outlet", "published", "lang", "url"):
                    if field not in meta:
                        problems.append(f"{rel}: {os.path.basename(d)}: front matter lacks {field}")
                if corpus is not None:
                    recs = corpus.get(meta.get("url"), [])
                    if not any(r["text"] == body and r["outlet"] == meta.get("outlet")
                               and r["published"] == meta.get("published") for r in recs):
                        problems.append(f"{rel}: {os.path.basename(d)}: body is not byte-for-byte a corpus record ({meta.get('url')})")
            if len(outlets) < 3:
                problems.append(f"{rel}: only {len(outlets)} outlets ({sorted(map(str, outlets))}), need 3")
            if not 3 <= len(docs) <= 6:
                problems.append(f"{rel}: {len(docs)} articles, want 3-6")
            if len(exp.get("not_conflicts", [])) < 5:
                problems.append(f"{rel}: {len(exp.get('not_conflicts', []))} not_conflicts, need 5")
            summary += f", {len(docs)} articles, {len(outlets)} outlets" + (", bodies match corpus" if corpus is not None else "")
        print(summary + ", " + ", ".join(f"{k} {len(exp.get(k, []))}" for k in LISTS))
    for p in problems:
        print("FAIL:", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
