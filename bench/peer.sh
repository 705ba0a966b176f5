#!/usr/bin/env bash
# Dates found by Python's dateparser and by claimcheck on the same 1,000
# generated articles, scored against the dates the generator planted.
#
#   bench/peer.sh            # installs dateparser into target/peer-venv once
#
# Extra arguments go to bench/peer.py (e.g. --limit 200).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
venv=target/peer-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import dateparser' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet dateparser
fi
cargo build --quiet --release --bin claimcheck --example gen_corpus
dir=target/bench-corpus/1000
[ -f "$dir/manifest.json" ] || "$target/release/examples/gen_corpus" --articles 1000 --seed 7 --out "$dir"
"$venv/bin/python" bench/peer.py "$dir" --claimcheck "$target/release/claimcheck" "$@"
