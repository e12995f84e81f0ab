#!/usr/bin/env bash
# Step 4 (issue 6): the default three-tier ensemble (configs/default.json), with the default pseudo-labelling
# and with --pseudo-rounds 0; test-split scores; then an ablation of a few variants (BENCH_VARIANTS).
source "$(dirname "$0")/common.sh"
timed ens-default.train "$HF" train --data "$WORLD" --cache "$CACHE" --config "$REPO/configs/default.json" \
  --out "$OUT/ens-default"
sed -n '/eaderboard/,$p' "$OUT/logs/ens-default.train.log" | head -40
score ens-default "$OUT/ens-default"
timed ens-nopseudo.train "$HF" train --data "$WORLD" --cache "$CACHE" --config "$REPO/configs/default.json" \
  --pseudo-rounds 0 --out "$OUT/ens-nopseudo"
sed -n '/eaderboard/,$p' "$OUT/logs/ens-nopseudo.train.log" | head -40
score ens-nopseudo "$OUT/ens-nopseudo"
if [ -n "${BENCH_VARIANTS-no-tier1,no-image}" ]; then
  timed ablate "$HF" ablate --data "$WORLD" --cache "$CACHE" --config "$REPO/configs/default.json" \
    --pseudo-rounds 0 --variants "${BENCH_VARIANTS:-no-tier1,no-image}" --out "$OUT/ablation.json"
  cat "$OUT/logs/ablate.log" | tail -25
fi
