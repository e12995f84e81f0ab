#!/usr/bin/env bash
# Step 0: the one 10k-post world every step uses (seed 7). Skipped when it exists (delete it to regenerate).
source "$(dirname "$0")/common.sh"
if [ -f "$WORLD/ground_truth.json" ]; then echo "world exists: $WORLD"; exit 0; fi
timed generate "$HF" generate --posts 10000 --users 1000 --seed 7 --out "$WORLD"
tail -1 "$OUT/logs/generate.log"
