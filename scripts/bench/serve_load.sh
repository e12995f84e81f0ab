#!/usr/bin/env bash
# External load figures of `hyperfusion serve` (docs/SERVING.md, "Load figures"): starts a server on a free port,
# warms it up, then drives it with wrk (apt-get install wrk), 16 connections, one wrk thread, for each scenario:
# a single post without explanations, a single post with TreeSHAP explanations, a different post on every request
# (wrk-varied.lua: new titles, recurring tags, 200 authors) without and with explanations, and GET /v1/health.
# CONNECTIONS (default 16) and SERVER_ARGS (extra `serve` options, e.g. "--batch-rows 1") are read from the
# environment.
#
#   MODEL=/tmp/serve-model DURATION=20 scripts/bench/serve_load.sh [JAR [LIB_DIR]]
#
# JAR defaults to this checkout's hyperfusion-app/target/hyperfusion.jar (built by ./hyperfusion); give another
# release's jar and its lib folder to compare. Prints one line per scenario; the server is stopped at the end.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL="${MODEL:-/tmp/serve-model}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-16}"
JAR="${1:-$REPO/hyperfusion-app/target/hyperfusion.jar}"
LIB="${2:-$REPO/hyperfusion-app/target/lib}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -f "$REPO/hyperfusion-app/target/hyperfusion.jar" ] || "$REPO/hyperfusion" --version >/dev/null
export OMP_WAIT_POLICY=PASSIVE
export LIGHTGBM_NATIVE_LIB_PATH="${LIGHTGBM_NATIVE_LIB_PATH:-$REPO/hyperfusion-app/target/natives/lightgbm4j/linux/x86_64/}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$REPO/cache/djl}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$REPO/cache/djl}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

post='{"post_id": "bench", "user_id": "u1", "posted_at": "2024-03-01T18:00:00Z", "title": "sunset over the bay", "tags": ["sunset", "bay", "travel"], "category": "Travel", "user": {"photo_count": 120, "is_pro": true, "timezone_offset_minutes": 60}}'
echo "$post" > "$work/explain.json"
echo "{\"explain\": false, \"posts\": [$post]}" > "$work/plain.json"

mkdir -p "$work/tmp"
java -Xmx4g -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -cp "$JAR:$LIB/*" io.hyperfusion.app.HyperFusionCli \
  serve --model "$MODEL" --port 0 --models-dir "$REPO/models" ${SERVER_ARGS:-} > "$work/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 120); do
  port="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" | head -1 | sed 's/.*://' || true)"
  [ -n "$port" ] && break
  sleep 1
done
[ -n "$port" ] || { echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
url="http://127.0.0.1:$port"
echo "server $JAR ${SERVER_ARGS:-} on port $port, model $MODEL, $CONNECTIONS connections, ${DURATION}s per scenario, load $(cut -d' ' -f1-3 /proc/loadavg)"
BODY="$work/plain.json" wrk -t1 -c"$CONNECTIONS" -d5s -s "$REPO/scripts/bench/wrk-post.lua" "$url/v1/predict" > /dev/null
EXPLAIN=true wrk -t1 -c"$CONNECTIONS" -d5s -s "$REPO/scripts/bench/wrk-varied.lua" "$url/v1/predict" > /dev/null
run() {
  local name="$1"; shift
  printf '%-34s %s\n' "$name" "$("$@" | grep '^RESULT' | sed 's/^RESULT //')"
}
run "single post, explain=false" env BODY="$work/plain.json" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$REPO/scripts/bench/wrk-post.lua" "$url/v1/predict"
run "single post, with top_features" env BODY="$work/explain.json" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$REPO/scripts/bench/wrk-post.lua" "$url/v1/predict"
run "varied posts, explain=false" env EXPLAIN=false wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$REPO/scripts/bench/wrk-varied.lua" "$url/v1/predict"
run "varied posts, with top_features" env EXPLAIN=true wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$REPO/scripts/bench/wrk-varied.lua" "$url/v1/predict"
run "GET /v1/health" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$REPO/scripts/bench/wrk-get.lua" "$url/v1/health"
