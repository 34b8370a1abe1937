#!/usr/bin/env bash
# Measures `rapport check` on the huge inputs of the bad-input corpus (a
# 100 MB string, a beat with 10,000 choices, a million beats) and on every
# file of tests/broken/: wall time and peak resident memory of each run.
# Figures, not pass/fail; tests/cli.rs holds the memory bound as a test.
#
#   bash benches/bad_input.sh
#
# Built without the window (the `check` command is the core's). Needs GNU
# time (bash .ci/setup installs it) and python3 to write the huge files.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport/target}"
cargo build --release --locked --quiet --bin rapport
bin="$CARGO_TARGET_DIR/release/rapport"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$bin" new huge --out "$dir/starter.ron" >/dev/null
python3 - "$dir" <<'PY'
import sys, pathlib
d = pathlib.Path(sys.argv[1])
starter = (d / "starter.ron").read_text()
beats_at = starter.index("    beats: [\n") + len("    beats: [\n")
(d / "long_string.ron").write_text(starter.replace("(en: \"", "(en: \"" + "x" * (100 << 20), 1))
beat = 'Beat(id:"b{}",emotion:Neutral,line:(en:"a",ru:"а"),choices:[Choice(text:(en:"a",ru:"а"),next:"kept")]),'
(d / "million_beats.ron").write_text(starter[:beats_at] + "".join(beat.format(i) for i in range(10**6)) + starter[beats_at:])
choices_at = starter.index("choices: [\n") + len("choices: [\n")
more = 'Choice(text: (en: "More.", ru: "Ещё."), next: "kept"),\n' * 10_000
(d / "many_choices.ron").write_text(starter[:choices_at] + more + starter[choices_at:])
PY

echo "# rapport check on huge inputs, release, $(nproc) cores, $(date -u +%Y-%m-%d)"
measure() {
    local f="$1" out
    out=$( { /usr/bin/time -f "%e s, %M KB" "$bin" check --format short "$f" > /dev/null; } 2>&1 | tail -1) || true
    local secs="${out%% s,*}" kb="${out##*, }"
    printf '%-22s %10s bytes %6s s  %5s MB peak RSS\n' "$(basename "$f")" "$(stat -c %s "$f")" "$secs" "$(( ${kb%% KB} / 1024 ))"
}
for f in "$dir"/long_string.ron "$dir"/million_beats.ron "$dir"/many_choices.ron; do
    measure "$f"
done
slowest=-1 name=""
peak=0 peak_name=""
for f in tests/broken/*.ron; do
    out=$( { /usr/bin/time -f "%e %M" "$bin" check --format short "$f" > /dev/null; } 2>&1 | tail -1) || true
    read -r secs kb <<<"$out"
    if awk -v a="$secs" -v b="$slowest" 'BEGIN{exit !(a>b)}'; then slowest=$secs name=$(basename "$f"); fi
    if (( kb > peak )); then peak=$kb peak_name=$(basename "$f"); fi
done
echo "tests/broken/ ($(ls tests/broken/*.ron | wc -l) files): slowest $slowest s ($name), most memory $(( peak / 1024 )) MB ($peak_name)"
