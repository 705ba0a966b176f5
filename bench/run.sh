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
