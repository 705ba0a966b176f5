#!/usr/bin/env python3
"""Dates found by Python's dateparser and by claimcheck, side by side.

Runs dateparser's search_dates(text, languages=["ar"]) and claimcheck's
date extraction (`claimcheck mentions --format json`, kind "date") on the
same generated articles, in one run, and scores both against the dates the
generator planted (target/bench-corpus/N/manifest.json):

  found      planted dates a tool reported at the right place with the right
             value (ISO at the planted precision: day, month or year)
  precision  of the dates a tool reported, the share that are planted dates
             with the right value
  MB/s       article bytes over the tool's time (claimcheck: the whole
             process, rules loading included; dateparser: search_dates calls)

Relative dates are fair to both: dateparser gets the article's publication
date as RELATIVE_BASE, claimcheck reads it from the front matter.

Use bench/peer.sh, which installs dateparser into a venv and runs this.
"""
import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time


def front_matter(text):
    """(published date or None, byte offset of the body)."""
    if not text.startswith("---\n"):
        return None, 0
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, 0
    published = None
    for line in text[4:end].splitlines():
        if line.startswith("published:"):
            published = dt.date.fromisoformat(line.split(":", 1)[1].strip())
    return published, len(text[: end + 5].encode())


def matches(value, when):
    """Whether a date (datetime or ISO string) has the planted value at its precision."""
    if isinstance(when, str):
        return when == value
    parts = [int(p) for p in value.split("-")]
    got = [when.year, when.month, when.day][: len(parts)]
    return got == parts


def score(name, planted, reported, seconds, nbytes):
    """planted: {file: [(start, end, value)]}; reported: {file: [(start, end, value)]}."""
    found = 0
    correct = 0
    total = sum(len(v) for v in reported.values())
    for f, dates in planted.items():
        rep = reported.get(f, [])
        used = set()
        for s, e, value in dates:
            for k, (rs, re_, rv) in enumerate(rep):
                if rs < e and s < re_ and matches(value, rv):
                    found += 1
                    if k not in used:
                        used.add(k)
                        correct += 1
                    break
    n = sum(len(v) for v in planted.values())
    mb = nbytes / 1e6
    print(
        f"{name:12s} found {found:6d}/{n:<6d} ({100 * found / max(n, 1):5.1f}%)  "
        f"reported {total:6d}  precision {100 * correct / max(total, 1):5.1f}%  "
        f"{seconds:8.2f} s  {mb / seconds:9.3f} MB/s"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="target/bench-corpus/1000")
    ap.add_argument("--claimcheck", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "claimcheck"))
    ap.add_argument("--limit", type=int, default=1000, help="articles to read (default 1000)")
    args = ap.parse_args()

    manifest = json.load(open(os.path.join(args.corpus, "manifest.json"), encoding="utf-8"))
    files = sorted({d["file"] for d in manifest["dates"]} | set())
    every = sorted(
        os.path.relpath(os.path.join(r, f), args.corpus)
        for r, _, fs in os.walk(args.corpus)
        for f in fs
        if f.endswith(".md")
    )[: args.limit]
    chosen = set(every)
    planted = {}
    for d in manifest["dates"]:
        if d["file"] in chosen:
            planted.setdefault(d["file"], []).append((d["start"], d["end"], d["value"]))
    texts = {f: open(os.path.join(args.corpus, f), encoding="utf-8").read() for f in every}
    nbytes = sum(len(t.encode()) for t in texts.values())
    print(f"{len(every)} articles, {nbytes / 1e6:.2f} MB, {sum(len(v) for v in planted.values())} planted dates")
    del files

    # claimcheck: one process over the same files.
    paths = [os.path.join(args.corpus, f) for f in every]
    t0 = time.perf_counter()
    out = subprocess.run([args.claimcheck, "mentions", "--format", "json", *paths], capture_output=True, check=True).stdout
    cc_secs = time.perf_counter() - t0
    doc = json.loads(out)
    by_id = {s["id"]: os.path.relpath(s["path"], args.corpus) for s in doc["sources"]}
    cc = {}
    for m in doc["mentions"]:
        if m["kind"] == "date":
            cc.setdefault(by_id[m["source"]], []).append((m["span"]["start"], m["span"]["end"], m["normalized"]))

    # dateparser: search_dates on each body, relative to its publication date.
    from dateparser.search import search_dates

    dp = {}
    dp_secs = 0.0
    for f in every:
        text = texts[f]
        published, body_start = front_matter(text)
        body = text.encode()[body_start:].decode()
        settings = {"PREFER_DATES_FROM": "past"}
        if published:
            settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day, 12)
        t0 = time.perf_counter()
        found = search_dates(body, languages=["ar"], settings=settings) or []
        dp_secs += time.perf_counter() - t0
        at = 0
        spans = []
        for sub, when in found:
            k = body.find(sub, at)
            if k < 0:
                k = body.find(sub)
            if k < 0:
                continue
            at = k + len(sub)
            start = body_start + len(body[:k].encode())
            spans.append((start, start + len(sub.encode()), when))
        dp[f] = spans

    score("claimcheck", planted, cc, cc_secs, nbytes)
    score("dateparser", planted, dp, dp_secs, nbytes)


if __name__ == "__main__":
    sys.exit(main())
