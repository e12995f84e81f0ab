#!/usr/bin/env bash
# Step 2 (issue 4): feature-group ablation of one LightGBM model (configs/lightgbm-only.json: no tier 1, one
# tier-2 LightGBM member, no pseudo-labelling, no refit). Metadata groups plus one modality at a time, then all.
source "$(dirname "$0")/common.sh"
META="meta,time,text,user,history"
declare -a NAMES=(meta textemb image crossmodal cluster all text-image all-no-cluster all-no-crossmodal)
declare -a SETS=("$META" "$META,textemb" "$META,image" "$META,crossmodal" "$META,cluster" "all"
                 "$META,textemb,image" "all,-cluster" "all,-crossmodal")
# BENCH_ONLY="a b": only these names (e.g. to rerun the extras).
if [ -n "${BENCH_ONLY:-}" ]; then
  keep=(); keepsets=()
  for i in "${!NAMES[@]}"; do
    case " $BENCH_ONLY " in *" ${NAMES[$i]} "*) keep+=("${NAMES[$i]}"); keepsets+=("${SETS[$i]}");; esac
  done
  NAMES=("${keep[@]}"); SETS=("${keepsets[@]}")
fi
for i in "${!NAMES[@]}"; do
  name="lgbm-${NAMES[$i]}"
  timed "$name.train" "$HF" train --data "$WORLD" --cache "$CACHE" --config "$REPO/configs/lightgbm-only.json" \
    --features "${SETS[$i]}" --out "$OUT/$name"
  grep -i -E "hold-?out|SRC" "$OUT/logs/$name.train.log" | tail -4
  score "$name" "$OUT/$name"
done
echo "ceiling (noise-free score vs noisy labels, test split):"
grep -A4 '"test"' "$WORLD/ground_truth.json" | grep -E '"(src|mae)"'
