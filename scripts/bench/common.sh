#!/usr/bin/env bash
# Shared settings of the benchmark scripts (sourced, not run). Every path can be overridden by environment.
#   BENCH_WORLD  generated world (default /work/bench-world; kept out of the repository)
#   BENCH_CACHE  embedding cache (default /work/bench-cache.duckdb)
#   BENCH_OUT    logs, bundles, predictions, tables (default /work/bench-out)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HF="${BENCH_HF:-$REPO/hyperfusion}"   # BENCH_HF: another launcher (e.g. a frozen build)
WORLD="${BENCH_WORLD:-/work/bench-world}"
CACHE="${BENCH_CACHE:-/work/bench-cache.duckdb}"
OUT="${BENCH_OUT:-/work/bench-out}"
LABELS="$WORLD/hidden/test_labels.csv"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$OUT/logs"

# timed NAME CMD...: runs CMD under /usr/bin/time -v; stdout+stderr → $OUT/logs/NAME.log, resource usage →
# $OUT/logs/NAME.time; prints the wall and CPU seconds.
timed() {
  local name="$1"; shift
  /usr/bin/time -v -o "$OUT/logs/$name.time" "$@" > "$OUT/logs/$name.log" 2>&1 || {
    echo "FAILED: $name (see $OUT/logs/$name.log)" >&2; tail -20 "$OUT/logs/$name.log" >&2; return 1; }
  echo "$name: $(resources "$name")"
}

# resources NAME: "wall W s, cpu C s (user+sys), max RSS M MB" from $OUT/logs/NAME.time.
resources() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
              /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
              END { printf "wall %.1f s, cpu %.1f s, max RSS %.0f MB", w, u + s, r / 1024 }' "$OUT/logs/$1.time"
}

# score NAME MODEL_DIR: predicts the world's test split with the bundle and evaluates against the hidden labels.
score() {
  local name="$1" model="$2"
  timed "$name.predict" "$HF" predict --data "$WORLD" --cache "$CACHE" --model "$model" --out "$OUT/$name.test.csv"
  "$HF" evaluate --labels "$LABELS" --predictions "$OUT/$name.test.csv" | tee "$OUT/logs/$name.eval"
}
