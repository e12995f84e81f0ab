#!/usr/bin/env bash
# Step 3b (issue 5): the JVM families trained ONCE each directly on the exported feature table, on the same rows
# as the Python peers (FamilyBench, a program under hyperfusion-app/src/test/java/.../bench, compiled here with
# javac against the application's class path), then the Python peers again under the same machine load.
source "$(dirname "$0")/common.sh"
for split in train test; do
  [ -f "$OUT/features.$split.parquet" ] || timed "export.$split.parquet" "$HF" export-features --data "$WORLD" \
    --cache "$CACHE" --features all --seed 42 --split "$split" --out "$OUT/features.$split.parquet"
done
APP="$REPO/hyperfusion-app/target"
CP="$APP/hyperfusion.jar:$APP/lib/*"
mkdir -p "$OUT/bench-classes"
javac -d "$OUT/bench-classes" -cp "$CP" "$REPO/hyperfusion-app/src/test/java/io/hyperfusion/app/bench/FamilyBench.java"
# The launcher's environment for the native libraries (LightGBM, PyTorch via DJL), see ./hyperfusion.
export LIGHTGBM_NATIVE_LIB_PATH="$APP/natives/lightgbm4j/linux/x86_64/"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$REPO/cache/djl}" ENGINE_CACHE_DIR="${DJL_CACHE_DIR:-$REPO/cache/djl}"
timed family_bench java -Xmx8g -Dai.djl.offline=true -cp "$OUT/bench-classes:$CP" io.hyperfusion.app.bench.FamilyBench \
  "$OUT/features.train.parquet" "$OUT/features.test.parquet" "$WORLD" "$REPO/configs/lightgbm-only.json" \
  "$REPO/scripts/bench/configs/xgboost-only.json" "$REPO/scripts/bench/configs/mlp-only.json" \
  "$REPO/scripts/bench/configs/tabnet-only.json"
grep -v "WARN\|^\[" "$OUT/logs/family_bench.log" | tail -6
PY="${BENCH_PYTHON:-/usr/bin/python3}"
timed python_peers.2 "$PY" "$REPO/scripts/bench/python_peers.py" "$OUT/features.train.csv" "$OUT/features.test.csv" \
  "$WORLD" "$OUT/python_peers.2.tsv"
cat "$OUT/python_peers.2.tsv"
