#!/usr/bin/env bash
# Prints Markdown table rows from the logs of the other steps: NAME | columns | held-out SRC | held-out MAE |
# test SRC | test MAE | train wall s | train CPU s. Usage: summary.sh NAME... (e.g. lgbm-meta fam-mlp ens-default)
source "$(dirname "$0")/common.sh"
for name in "$@"; do
  log="$OUT/logs/$name.train.log"
  [ -f "$log" ] || { echo "| $name | (not run) |"; continue; }
  cols=$(grep -m1 -E "^  tier 2 " "$log" | awk '{print $4}')
  held=$(grep -m1 "^held-out (latest" "$log" | sed -E 's/.*SRC ([0-9.]+) +MAE ([0-9.]+).*/\1 | \2/')
  tsrc=$(awk '$1 == "SRC" { print $2 }' "$OUT/logs/$name.eval" 2>/dev/null)
  tmae=$(awk '$1 == "MAE" { print $2 }' "$OUT/logs/$name.eval" 2>/dev/null)
  res=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
              /User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f | %.1f", w, u + s }' "$OUT/logs/$name.train.time")
  echo "| $name | ${cols:-?} | $held | ${tsrc:-?} | ${tmae:-?} | $res |"
done
