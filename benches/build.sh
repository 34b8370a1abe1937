#!/usr/bin/env bash
# Build times as a newcomer and a core developer meet them, each in a fresh
# target directory (removed afterwards): the core crates and their tests,
# a rebuild after touching one core file, the README's first command (the
# terminal, no Bevy), then its second (everything, the window too), and
# whether the second compiled again anything the first had built. Figures,
# not pass/fail: they are in docs/performance.md. Takes about half an hour
# on 2 cores, most of it Bevy.
#
#   bash benches/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

seconds() {
    local log="$1"; shift
    local t; t=$(date +%s%3N)
    "$@" > "$scratch/$log" 2>&1 || true
    awk -v a="$t" -v b="$(date +%s%3N)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'
}
compiled() { grep -o 'Compiling [^ ]* v[^ ]*' "$scratch/$1" | sort -u; }

echo "# Rapport build times, $(date -u +%Y-%m-%d), $(nproc) cores"

core=(cargo test --locked -p rapport-core -p rapport-records -p rapport-author --no-run)
export CARGO_TARGET_DIR="$scratch/core"
echo "core crates and their tests, clean:       $(seconds core.log "${core[@]}") s"
touch crates/rapport-core/src/engine/mod.rs
echo "rebuild after touching one core file:     $(seconds touch.log "${core[@]}") s"

export CARGO_TARGET_DIR="$scratch/fresh"
echo "README's first command, fresh:            $(seconds first.log cargo run --locked -- play late_manager --seed 1 --choose 1 --no-save) s ($(compiled first.log | wc -l) crates)"
echo "then its second (no run):                 $(seconds second.log cargo test --workspace --all-features --locked --no-run) s ($(compiled second.log | wc -l) crates)"
# The workspace's own crates appear in both because the second compiles
# their unit tests; a dependency in both would be one compiled twice.
again=$(comm -12 <(compiled first.log) <(compiled second.log) | grep -v '^Compiling rapport' || true)
echo "dependencies compiled by both:            ${again:-none}"
