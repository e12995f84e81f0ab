#!/usr/bin/env bash
# Step 4b (issue 6): the single LightGBM model refitted on all labelled posts like the default ensemble
# (refit true), so the ensemble's test score has a like-for-like single-model baseline; and the ensemble
# without refit, like the single models of step 2.
source "$(dirname "$0")/common.sh"
if [ "${BENCH_SKIP_SINGLE:-0}" != 1 ]; then
  timed lgbm-all-refit.train "$HF" train --data "$WORLD" --cache "$CACHE" \
    --config "$REPO/scripts/bench/configs/lightgbm-only-refit.json" --features all --out "$OUT/lgbm-all-refit"
  score lgbm-all-refit "$OUT/lgbm-all-refit"
fi
if [ "${BENCH_SKIP_NOREFIT:-0}" != 1 ]; then
  timed ens-norefit.train "$HF" train --data "$WORLD" --cache "$CACHE" --config "$REPO/configs/default.json" \
    --pseudo-rounds 0 --no-refit --out "$OUT/ens-norefit"
  score ens-norefit "$OUT/ens-norefit"
fi
