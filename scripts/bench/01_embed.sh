#!/usr/bin/env bash
# Step 1 (issue 3): embedding throughput, first run on an empty cache, then the cached run.
source "$(dirname "$0")/common.sh"
if [ "${BENCH_KEEP_CACHE:-0}" != 1 ]; then rm -f "$CACHE" "$CACHE.wal"; fi
timed embed.first "$HF" embed --data "$WORLD" --cache "$CACHE"
grep -i -E "images/s|texts/s|embedded|cached" "$OUT/logs/embed.first.log" | tail -5
timed embed.cached "$HF" embed --data "$WORLD" --cache "$CACHE"
grep -i -E "images/s|texts/s|embedded|cached" "$OUT/logs/embed.cached.log" | tail -5
# Issue 14: the int8 MobileNetV2 on an empty cache of its own (same images; --image-precision int8).
rm -f "$CACHE.int8" "$CACHE.int8.wal"
timed embed.int8 "$HF" embed --data "$WORLD" --cache "$CACHE.int8" --image-precision int8
grep -i -E "images/s|texts/s|embedded" "$OUT/logs/embed.int8.log" | tail -3
