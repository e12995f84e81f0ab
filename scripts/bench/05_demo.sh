#!/usr/bin/env bash
# Step 5 (issue 2): the one-command demo (default world: 8000 posts, 800 users) in a fresh folder.
source "$(dirname "$0")/common.sh"
rm -rf "$OUT/demo"
(cd "$OUT" && timed demo "$HF" demo --dir "$OUT/demo")
tail -30 "$OUT/logs/demo.log"
