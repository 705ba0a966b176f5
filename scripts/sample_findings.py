#!/usr/bin/env python3
"""Draws a random sample of error and warning findings from a `check --format json`
output and prints, for each, every side's claims with their sentences and sources,
so that a person can judge it against both articles.

Usage:
    claimcheck check --format json --fail-on never DAY.jsonl.gz > day.json
    python3 scripts/sample_findings.py day.json [--n 40] [--seed 1] [--jsonl OUT]

With --jsonl, writes one line per sampled finding (id, fingerprint, rule, severity,
message, sides with source record lines, quotes and sentences) for the verdicts
file: add "verdict" (true|false) and "reason" to each line. Standard library only.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("check_json")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jsonl")
    a = ap.parse_args()
    doc = json.load(open(a.check_json, encoding="utf-8"))
    sources = {s["id"]: s for s in doc["sources"]}
    claims = {c["id"]: c for c in doc["claims"]}
    stories = {s["id"]: s for s in doc.get("stories", [])}
    ew = [f for f in doc["findings"] if f["severity"] in ("error", "warning")]
    rnd = random.Random(a.seed)
    sample = ew if len(ew) <= a.n else rnd.sample(ew, a.n)
    print(f"{len(ew)} error and warning findings; {len(sample)} sampled (seed {a.seed})")
    out = []
    for f in sample:
        st = stories.get(f.get("story"), {})
        print(f"\n=== {f['id']} {f['severity']} {f['rule']} story {f.get('story')} «{st.get('label', '')[:80]}»")
        print(f"    {f['message']}")
        sides = []
        for side in f["sides"]:
            rows = []
            for cid in side["claims"]:
                c = claims[cid]
                s = sources[c["source"]]
                rows.append({"source": s["id"], "outlet": s.get("outlet"), "record": s.get("record"),
                             "path": s.get("path"), "url": s.get("url"), "published": s.get("published"),
                             "quote": c["text"], "value": c["normalized"], "sentence": c["sentence"]})
                print(f"  [{side['value']}] {s['id']} {s.get('outlet')} line {s.get('record')} {s.get('published')}: «{c['text']}»")
                print(f"      {c['sentence'][:400]}")
            sides.append({"value": side["value"], "claims": rows})
        out.append({"id": f["id"], "fingerprint": f["fingerprint"], "rule": f["rule"], "severity": f["severity"],
                    "story": f.get("story"), "message": f["message"], "sides": sides})
    if a.jsonl:
        with open(a.jsonl, "w", encoding="utf-8") as fh:
            for row in out:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
