#!/usr/bin/env bash
# Measures `claimcheck check` on generated corpora: wall time, MB/s,
# claims/s and peak RSS, one line per corpus size.
#
#   bench/run.sh                 # 10,000 and 100,000 articles
#   bench/run.sh 1000 10000      # other sizes
#   BIN=/path/to/claimcheck bench/run.sh   # measure another build
#
# Corpora are generated once (seed 7) into target/bench-corpus/N/ and
# reused. Each check runs on a warm page cache (the files are read once
# before), with the default human output to /dev/null; peak RSS comes from
# GNU time (`apt-get install -y time` if /usr/bin/time is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --quiet --release --bin claimcheck --example gen_corpus
bin=${BIN:-$target/release/claimcheck}
gen=$target/release/examples/gen_corpus
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
printf '%9s %9s %9s %9s %11s %10s %10s %9s\n' articles MB wall_s MB/s claims claims/s peak_MB rss/corpus
for n in "${sizes[@]}"; do
  dir=target/bench-corpus/$n
  [ -f "$dir/manifest.json" ] || "$gen" --articles "$n" --seed 7 --out "$dir"
  bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"])' "$dir/manifest.json")
  find "$dir" -name '*.md' -print0 | xargs -0 cat > /dev/null
  log=$(mktemp)
  /usr/bin/time -v "$bin" check "$dir" --color never --fail-on never > "$log.out" 2> "$log" || true
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  claims=$(tail -n 1 "$log.out" | sed -n 's/.* sources, \([0-9]*\) claims.*/\1/p')
  python3 - "$n" "$bytes" "$wall" "$rss_kb" "$claims" <<'PY'
import sys
n, b, wall, rss, claims = sys.argv[1:]
parts = [float(x) for x in wall.split(":")]
secs = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
mb = int(b) / 1e6
print(f"{int(n):9d} {mb:9.1f} {secs:9.2f} {mb / secs:9.1f} {int(claims or 0):11d} {int(claims or 0) / secs:10.0f} {int(rss) / 1024:10.1f} {int(rss) * 1024 / int(b):9.3f}")
PY
  rm -f "$log" "$log.out"
done

# One core, beside `wc -w` on the same bytes in the same run (issue 15's
# yardstick: extraction within 2x of wc), and peak RSS for every output
# format against the corpus's size.
echo
printf '%9s %9s %12s %12s %7s\n' articles MB check_1core wc_-w ratio
for n in "${sizes[@]}"; do
  dir=target/bench-corpus/$n
  bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"])' "$dir/manifest.json")
  list=$(mktemp)
  find "$dir" -name '*.md' | sort > "$list"
  t0=$(date +%s.%N)
  xargs -a "$list" cat | wc -w > /dev/null
  t1=$(date +%s.%N)
  RAYON_NUM_THREADS=1 "$bin" check "$dir" --format line --fail-on never > /dev/null 2>&1 || true
  t2=$(date +%s.%N)
  python3 -c 'import sys; n,b,t0,t1,t2=sys.argv[1:]; mb=int(b)/1e6; wc=mb/(float(t1)-float(t0)); cc=mb/(float(t2)-float(t1)); print(f"{int(n):9d} {mb:9.1f} {cc:8.1f} MB/s {wc:8.1f} MB/s {wc/cc:6.1f}x")' "$n" "$bytes" "$t0" "$t1" "$t2"
  rm -f "$list"
done
echo
printf '%9s %9s' articles MB; for f in human line json sarif github; do printf ' %13s' "$f"; done; echo
for n in "${sizes[@]}"; do
  dir=target/bench-corpus/$n
  bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"])' "$dir/manifest.json")
  printf '%9d %9.1f' "$n" "$(python3 -c "print($bytes/1e6)")"
  for f in human line json sarif github; do
    /usr/bin/time -f '%M' -o /tmp/claimcheck-rss.$$ "$bin" check "$dir" --format "$f" --color never --fail-on never > /dev/null 2>&1 || true
    rss=$(tail -n 1 /tmp/claimcheck-rss.$$)
    python3 -c 'import sys; r,b=int(sys.argv[1]),int(sys.argv[2]); print(f" {r/1024:6.0f}MB {r*1024/b:4.2f}x", end="")' "$rss" "$bytes"
  done
  echo
  rm -f /tmp/claimcheck-rss.$$
done
