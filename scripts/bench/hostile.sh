#!/usr/bin/env bash
# Hostile-load figures of `hyperfusion serve` (docs/SERVING.md, "Under attack"): starts the server in its own JVM,
# then runs HostileLoad against it: 50 slow-body connections (one byte a second, reopened when dropped), two
# clients sending 36-bomb batches, two sending one 6320x6320 16-bit PNG each, a health probe every 100 ms and
# ordinary predictions back to back. Prints latency percentiles and status counts per kind of request.
#
#   MODEL=/tmp/serve-model SECONDS_PER=30 scripts/bench/hostile.sh [extra serve options, e.g. --max-request-pixels 2000000000]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL="${MODEL:-/tmp/serve-model}"
SECONDS_PER="${SECONDS_PER:-30}"
cd "$REPO"
"$REPO/hyperfusion" --version > /dev/null # builds the jar when needed
mvn -q -B -ntp test-compile -pl hyperfusion-app -am
export OMP_WAIT_POLICY=PASSIVE
export LIGHTGBM_NATIVE_LIB_PATH="${LIGHTGBM_NATIVE_LIB_PATH:-$REPO/hyperfusion-app/target/natives/lightgbm4j/linux/x86_64/}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$REPO/cache/djl}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$REPO/cache/djl}"
work="$(mktemp -d)"
mkdir -p "$work/tmp" "$work/ctmp"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
java -Xmx4g -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -jar hyperfusion-app/target/hyperfusion.jar \
  serve --model "$MODEL" --port 0 --models-dir "$REPO/models" "$@" > "$work/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 120); do
  port="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" | sed 's/.*://' || true)"
  [ -n "$port" ] && break
  sleep 1
done
[ -n "$port" ] || { echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
echo "server options: ${*:-defaults}; load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Djava.io.tmpdir="$work/ctmp" \
  -cp "hyperfusion-app/target/test-classes:hyperfusion-app/target/classes:hyperfusion-app/target/lib/*" \
  io.hyperfusion.app.serve.HostileLoad "$MODEL" "$SECONDS_PER" "$REPO/models" "$port"
