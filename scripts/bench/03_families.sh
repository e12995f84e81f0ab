#!/usr/bin/env bash
# Step 3 (issue 5): model families side by side, all features. JVM: one tier-2 member per family (configs in
# scripts/bench/configs, LightGBM = configs/lightgbm-only.json), no tier 1, no pseudo-labelling, no refit;
# held-out SRC/MAE from train, test SRC/MAE via predict + evaluate. TabNet and MLP epochs are capped (CPU).
# Python peers on the exported feature table (same hold-out rows): scripts/bench/python_peers.py.
source "$(dirname "$0")/common.sh"
for fam in xgboost tabnet mlp; do
  name="fam-$fam"
  timed "$name.train" "$HF" train --data "$WORLD" --cache "$CACHE" --config "$REPO/scripts/bench/configs/$fam-only.json" \
    --features all --out "$OUT/$name"
  grep -i -E "hold-?out|SRC" "$OUT/logs/$name.train.log" | tail -4
  score "$name" "$OUT/$name"
done
# The feature table: both splits from a pipeline fitted on all labelled posts with the same seed (the train split
# carries out-of-fold target statistics); python_peers.py checks that the columns match.
timed export.train "$HF" export-features --data "$WORLD" --cache "$CACHE" --features all --seed 42 --split train \
  --out "$OUT/features.train.csv"
timed export.test "$HF" export-features --data "$WORLD" --cache "$CACHE" --features all --seed 42 --split test \
  --out "$OUT/features.test.csv"
PY="${BENCH_PYTHON:-/usr/bin/python3}"  # the Debian python3 that sees python3-sklearn etc.
if "$PY" -c "import sklearn, xgboost, torch, pandas, scipy" 2>/dev/null; then
  timed python_peers "$PY" "$REPO/scripts/bench/python_peers.py" "$OUT/features.train.csv" "$OUT/features.test.csv" \
    "$WORLD" "$OUT/python_peers.tsv"
  cat "$OUT/python_peers.tsv"
else
  echo "python peers skipped: apt-get install -y python3-sklearn python3-xgboost python3-torch python3-pandas" >&2
fi
