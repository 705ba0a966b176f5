#!/usr/bin/env bash
# The language server's latency: a 5,000-word draft against a generated
# corpus of 10,000 articles (or the sizes given), change to diagnostics.
#
#   bench/lsp.sh                 # 10,000 articles, 5,000 words, 30 edits
#   bench/lsp.sh 1000 2000       # corpus articles, draft words
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
articles=${1:-10000}
words=${2:-5000}
cargo build --quiet --release --bin claimcheck --example gen_corpus --example lsp_latency
dir=target/bench-corpus/$articles
[ -f "$dir/manifest.json" ] || "$target/release/examples/gen_corpus" --articles "$articles" --seed 7 --out "$dir"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
"$target/release/examples/lsp_latency" --corpus "$dir" --words "$words" --edits 30 --bin "$target/release/claimcheck"
