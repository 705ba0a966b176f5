#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a story clustering against hand labels.

Usage:
    python3 scripts/story_pairs.py LABELS.jsonl PREDICTIONS [--file NAME]

LABELS.jsonl: one object a line with "file", "line", "url", "story"
(fixtures/story-labels/2015-07-22.jsonl).

PREDICTIONS is either
  * JSON Lines, one {"file", "line", "story"} a line, or
  * the JSON output of `claimcheck stories --format json`:
    {"sources":[{"id","url","path","record"}], "stories":[{"id","sources":[...]}]}
    Sources are matched to labels by url (falling back to (basename of path,
    record) when a source has no url).

Only labelled articles are scored. A pair of labelled articles is positive when
both have the same gold story, and predicted positive when both have the same
predicted story. A labelled article missing from the predictions counts as a
story of its own. Standard library only.
"""
import argparse
import itertools
import json
import os
import sys


def load_labels(path):
    labels = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            o = json.loads(line)
            for k in ("file", "line", "story"):
                if k not in o:
                    sys.exit(f"{path}:{n}: missing {k!r}")
            labels.append(o)
    return labels


def load_predictions(path):
    """Return (by_key, by_url): maps (file, line) -> story and url -> story."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    by_key, by_url = {}, {}
    stripped = text.lstrip()
    doc = None
    if stripped.startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            doc = None  # JSON Lines
    if isinstance(doc, dict) and "stories" in doc:
        sources = {s["id"]: s for s in doc.get("sources", [])}
        for st in doc["stories"]:
            for sid in st.get("sources", []):
                s = sources.get(sid)
                if s is None:
                    continue
                if s.get("url"):
                    by_url[s["url"]] = st["id"]
                if s.get("path") is not None and s.get("record") is not None:
                    by_key[(os.path.basename(s["path"]), int(s["record"]))] = st["id"]
        return by_key, by_url
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        o = json.loads(line)
        by_key[(os.path.basename(o["file"]), int(o["line"]))] = o["story"]
        if o.get("url"):
            by_url[o["url"]] = o["story"]
    return by_key, by_url


def score(labels, by_key, by_url, prefer_url):
    gold, pred, missing = [], [], 0
    for i, o in enumerate(labels):
        key = (os.path.basename(o["file"]), int(o["line"]))
        p = None
        if prefer_url and o.get("url") in by_url:
            p = by_url[o["url"]]
        if p is None:
            p = by_key.get(key)
        if p is None and o.get("url") in by_url:
            p = by_url[o["url"]]
        if p is None:
            missing += 1
            p = ("__missing__", i)  # its own story
        gold.append(o["story"])
        pred.append(p)
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(labels)), 2):
        g = gold[a] == gold[b]
        q = pred[a] == pred[b]
        if g and q:
            tp += 1
        elif q:
            fp += 1
        elif g:
            fn += 1
    return tp, fp, fn, missing, len(set(gold))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("labels")
    ap.add_argument("predictions")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    by_key, by_url = load_predictions(args.predictions)
    tp, fp, fn, missing, nstories = score(labels, by_key, by_url, prefer_url=bool(by_url))
    pos = tp + fn
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / pos if pos else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall > 0 else 0.0)
    fmt = lambda x: "undefined (no predicted positive pairs)" if x is None else f"{x:.4f}"
    print(f"labelled articles: {len(labels)}")
    print(f"gold stories:      {nstories}")
    print(f"positive pairs:    {pos}")
    print(f"predicted pairs:   {tp + fp}")
    print(f"true positives:    {tp}")
    print(f"not in predictions (scored as singletons): {missing}")
    print(f"precision: {fmt(precision)}")
    print(f"recall:    {fmt(recall)}")
    print(f"F1:        {f1:.4f}")


if __name__ == "__main__":
    main()
