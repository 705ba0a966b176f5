#!/usr/bin/env bash
# Measures the archive on real news: `archive add` of 10,000 and 100,000
# articles, its size (claims per article, bytes per claim), adding one day
# to it, and a draft checked against it, with peak RSS.
#
#   bench/archive.sh              # 10,000 and 100,000 articles
#   bench/archive.sh 10000        # one size
#
# The articles are the dev corpus's (../shared/corpora/saudinewsnet-dev,
# 12,070 articles over seven days): generated corpora are one story, and an
# archive is many. Sizes above the corpus repeat it, each copy 150 days
# after the last (beyond the stories window of rules/stories.toml, so copies are not one story), with URLs made unique.
# Skips with a message when the corpus is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpora/saudinewsnet-dev
if [ ! -d "$corpus" ]; then
  echo "skipped: $corpus is missing" >&2
  exit 0
fi
target=${CARGO_TARGET_DIR:-target}
cargo build --quiet --release --bin claimcheck --example lsp_latency
bin=${BIN:-$target/release/claimcheck}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=$target/bench-archive
mkdir -p "$work"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"

# feeds N: writes $work/N/feeds/*.jsonl.gz (N articles) and $work/N/day.jsonl.gz
# (one more day, the corpus's first, 150 days after the last copy).
feeds() {
  python3 - "$corpus" "$work/$1" "$1" <<'PY'
import datetime, glob, gzip, json, os, sys
corpus, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
days = sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz")))
records = []
for d in days:
    with gzip.open(d, "rt", encoding="utf-8") as f:
        records.append([json.loads(l) for l in f if l.strip()])
per_copy = sum(len(r) for r in records)
os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
def shifted(rec, copy):
    rec = dict(rec)
    try:
        d = datetime.date.fromisoformat(str(rec.get("published", ""))[:10])
        rec["published"] = (d + datetime.timedelta(days=150 * copy)).isoformat()
    except ValueError:
        pass
    rec["url"] = f"{rec.get('url') or 'article'}#copy{copy}"
    return rec
left, copy = n, 0
while left > 0:
    for di, recs in enumerate(records):
        if left <= 0:
            break
        take = recs[:left]
        left -= len(take)
        with gzip.open(os.path.join(out, "feeds", f"c{copy:02d}-d{di}.jsonl.gz"), "wt", encoding="utf-8") as f:
            for r in take:
                f.write(json.dumps(shifted(r, copy), ensure_ascii=False) + "\n")
    copy += 1
with gzip.open(os.path.join(out, "day.jsonl.gz"), "wt", encoding="utf-8") as f:
    for r in records[0]:
        f.write(json.dumps(shifted(r, copy), ensure_ascii=False) + "\n")
# A draft: the corpus's second day's first article, in the last copy.
r = shifted(records[1][0], copy - 1)
with open(os.path.join(out, "draft.md"), "w", encoding="utf-8") as f:
    f.write(f"---\ntitle: {r.get('title','')}\noutlet: draft\npublished: {r['published']}\n---\n{r['text']}\n")
PY
}

# timed CMD...: runs CMD, prints "wall_s peak_MB" of it.
timed() {
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %M' "$@" > /dev/null 2> "$log" || true
  tail -n 1 "$log" | awk '{printf "%s %.0f\n", $1, $2 / 1024}'
  rm -f "$log"
}

printf '%9s %9s %9s %8s %9s %11s %9s %9s %9s %9s %9s\n' \
  articles add_s add_MB size_MB claims claims/art B/claim day_s check_s check_MB stories
for n in "${sizes[@]}"; do
  dir=$work/$n
  [ -f "$dir/day.jsonl.gz" ] || feeds "$n"
  rm -rf "$dir/archive"
  read -r add_s add_mb < <(timed "$bin" archive add "$dir/feeds" --archive "$dir/archive" -q)
  info=$("$bin" archive info --json --archive "$dir/archive")
  read -r day_s _ < <(timed "$bin" archive add "$dir/day.jsonl.gz" --archive "$dir/archive" -q)
  read -r check_s check_mb < <(timed "$bin" check "$dir/draft.md" --against "$dir/archive" --no-config --fail-on never --color never)
  # The language server with the archive as its corpus, the same draft open.
  "$target/release/examples/lsp_latency" --corpus "$dir/archive" --draft "$dir/draft.md" --edits 30 --bin "$bin" \
    | sed -n 's/^server ready/  lsp: ready/p; s/^change -> diagnostics/  lsp: change/p' > "$dir/lsp.txt"
  python3 - "$n" "$add_s" "$add_mb" "$day_s" "$check_s" "$check_mb" "$info" <<'PY'
import json, sys
n, add_s, add_mb, day_s, check_s, check_mb, info = sys.argv[1:]
i = json.loads(info)
print(f"{int(n):9d} {float(add_s):9.1f} {int(add_mb):9d} {i['bytes'] / 1e6:8.1f} {i['claims']:9d} "
      f"{i['claims'] / max(i['articles'], 1):11.2f} {i['bytes'] / max(i['claims'], 1):9.0f} "
      f"{float(day_s):9.1f} {float(check_s):9.2f} {int(check_mb):9d} {i['stories']:9d}")
PY
  cat "$dir/lsp.txt"
done
