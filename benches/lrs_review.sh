#!/usr/bin/env bash
# Measures `rapport report --lrs` next to the local `rapport report` over
# the same generated sessions, in one run: wall time, CPU time and peak resident
# memory of the local review, of the first review from the LRS (every
# statement fetched), of a second (nothing new: one request), and of a
# third after one more session (only its statements fetched).
#
#   bash benches/lrs_review.sh [COUNT]      # default 10000
#
# The LRS is a small in-memory one of this script's own (Python's standard
# library): Ralph's file backend reads its whole file for every page, which
# would measure Ralph. It answers what Rapport asks as xAPI says: `since`
# by `stored`, `limit` capped at 500, `more` to the next page. Needs GNU
# time and python3 (bash .ci/setup installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport/target}"
count="${1:-10000}"

cargo build --release --locked --quiet --bin rapport
cargo build --release --locked --quiet -p rapport-fixtures --example generate_records
bin="$CARGO_TARGET_DIR/release"

work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin/examples/generate_records" "$work/trainees" "$count" 1
"$bin/rapport" --data-dir "$work/trainees" export --format xapi --out "$work/statements.json" 2>/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$work" "$port" <<'EOF' &
import base64, datetime, json, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

work, port = sys.argv[1], int(sys.argv[2])
state = {"mtime": None, "statements": []}

def statements():
    # Reloaded when the file changes: each statement stored now, in order.
    path = os.path.join(work, "statements.json")
    mtime = os.stat(path).st_mtime_ns
    if mtime != state["mtime"]:
        held = {s["id"]: s for s in state["statements"]}
        for s in json.load(open(path)):
            if s["id"] not in held:
                s["stored"] = datetime.datetime.now(datetime.timezone.utc).isoformat()
                held[s["id"]] = s
        state["statements"] = sorted(held.values(), key=lambda s: s["stored"])
        state["mtime"] = mtime
    return state["statements"]

class Lrs(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"manager:bench").decode():
            self.send_response(401); self.end_headers(); return
        q = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        rows = statements()
        if "since" in q:
            since = datetime.datetime.fromisoformat(q["since"].replace("Z", "+00:00"))
            rows = [s for s in rows if datetime.datetime.fromisoformat(s["stored"]) > since]
        limit, start = min(int(q.get("limit", 500)), 500), int(q.get("offset", 0))
        page = rows[start:start + limit]
        more = ""
        if start + limit < len(rows):
            more = "/xAPI/statements?" + urlencode(dict(q, offset=str(start + limit)))
        body = json.dumps({"statements": page, "more": more}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

ThreadingHTTPServer(("127.0.0.1", port), Lrs).serve_forever()
EOF
server=$!
for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break
    sleep 0.1
done

echo "# rapport report over $count sessions: local records, then from an LRS ($(nproc) cores, $(date -u +%Y-%m-%d))"
export RAPPORT_LRS_PASSWORD=bench
measure() {
    local label="$1"; shift
    local out
    # The CPU time is Rapport's alone: the wall time includes the LRS's,
    # and on a shared machine other processes'.
    /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$@" > /dev/null 2> "$work/err"
    local secs user sys kb
    read -r secs user sys kb < <(tail -1 "$work/time")
    local requests
    requests=$(grep -o '[0-9]* request(s)[^;]*' "$work/err" || true)
    printf '%-34s %7s s  %6.2f s CPU  %6s MB peak RSS  %s\n' "$label" "$secs" \
        "$(awk "BEGIN { print $user + $sys }")" "$(( kb / 1024 ))" "$requests"
}
lrs=(report --lrs "http://127.0.0.1:$port/xAPI/" --user manager --format json)
"$bin/rapport" --data-dir "$work/trainees" report --format json > /dev/null  # warm the page cache
measure "local report --format json" "$bin/rapport" --data-dir "$work/trainees" report --format json
measure "report --lrs (first: all fetched)" "$bin/rapport" --data-dir "$work/manager" "${lrs[@]}"
measure "report --lrs (nothing new)" "$bin/rapport" --data-dir "$work/manager" "${lrs[@]}"
# One more session, of another seed of the generator.
"$bin/examples/generate_records" "$work/trainees" 1 2
"$bin/rapport" --data-dir "$work/trainees" export --format xapi --out "$work/statements.json" 2>/dev/null
# The server reads the file again before it is measured, not while.
python3 -c "
import urllib.request
r = urllib.request.Request('http://127.0.0.1:$port/xAPI/statements?limit=1', headers={'Authorization': 'Basic bWFuYWdlcjpiZW5jaA=='})
urllib.request.urlopen(r).read()"
measure "report --lrs (one new session)" "$bin/rapport" --data-dir "$work/manager" "${lrs[@]}"
echo "cache: $(du -sh "$work/manager/xapi" | cut -f1)"
