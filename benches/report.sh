#!/usr/bin/env bash
# Measures `rapport report` over many kept sessions: wall time and peak
# resident memory of one run per format, on generated records (the same
# records for the same COUNT and seed). Figures, not pass/fail: the
# targets are in docs/performance.md.
#
#   bash benches/report.sh [COUNT]      # default 100000
#
# The report needs no window, so the release binary is built without the
# `window` feature (the same core and command line, minutes instead of a
# Bevy build). Needs GNU time (bash .ci/setup installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport/target}"
count="${1:-100000}"

cargo build --release --locked --quiet --bin rapport
cargo build --release --locked --quiet -p rapport-fixtures --example generate_records
bin="$CARGO_TARGET_DIR/release"

data="${RAPPORT_BENCH_DATA:-$HOME/.cache/rapport/bench-records-$count}"
if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    t=$(date +%s%3N)
    "$bin/examples/generate_records" "$data" "$count" 1
    touch "$data/.complete"
    echo "generated $count records in $(( $(date +%s%3N) - t )) ms"
fi
echo "# rapport report over $count records ($(du -sh "$data/records" | cut -f1) on disk), $(nproc) cores, $(date -u +%Y-%m-%d)"

measure() {
    local label="$1"; shift
    local out
    # Read the files once so every format starts from a warm page cache.
    out=$( { /usr/bin/time -f "%e s, %M KB" "$@" > /dev/null; } 2>&1 | tail -1)
    local secs="${out%% s,*}" kb="${out##*, }"
    printf '%-28s %6s s  %6s MB peak RSS\n' "$label" "$secs" "$(( ${kb%% KB} / 1024 ))"
}

"$bin/rapport" --data-dir "$data" report --format json > /dev/null  # warm the page cache
measure "report (table)" "$bin/rapport" --data-dir "$data" report
measure "report --format json" "$bin/rapport" --data-dir "$data" report --format json
measure "report --format csv" "$bin/rapport" --data-dir "$data" report --format csv
measure "report --trainee Asel" "$bin/rapport" --data-dir "$data" report --trainee Asel
