#!/usr/bin/env bash
# Step 1 (issue 3): embedding throughput, first run on an empty cache, then the cached run.
source "$(dirname "$0")/common.sh"
if [ "${BENCH_KEEP_CACHE:-0}" != 1 ]; then rm -f "$CACHE" "$CACHE.wal"; fi
timed embed.first "$HF" embed --data "$WORLD" --cache "$CACHE"
grep -i -E "images/s|texts/s|embedded|cached" "$OUT/logs/embed.first.log" | tail -5
timed embed.cached "$HF" embed --data "$WORLD" --cache "$CACHE"
grep -i -E "images/s|texts/s|embedded|cached" "$OUT/logs/embed.cached.log" | tail -5
