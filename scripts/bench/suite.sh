#!/usr/bin/env bash
# The benchmark suite that decides defaults (issue 12): the default configuration, the previous default and two
# strong baselines (a tuned single LightGBM; the plain LightGBM + XGBoost average) on
#   - the real SMPD-Video dev data (../shared/data/smpd-video-dev; 3 rolling time windows of the labelled posts),
#   - generated worlds of four characters (default, drift, cold start, hidden signal), 3 seeds each,
# scored on validation windows only (never a test split), with author-grouped bootstrap intervals.
#   scripts/bench/suite.sh                      # the main table
#   ABLATE=no-tier1,pseudo scripts/bench/suite.sh   # plus ablations of the default
# Results are stored under $OUT/suite and reused; the table goes to $OUT/suite/suite.md.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SUITE_CACHE="${SUITE_CACHE:-$OUT/suite-cache.duckdb}"
args=(--suite "$REPO/scripts/bench/suite.json" --out "$OUT/suite" --cache "$SUITE_CACHE"
      --config "previous=$REPO/scripts/bench/configs/previous-default.json")
if [ -n "${ABLATE:-}" ]; then
  args+=(--ablate "$ABLATE" --compare-to default,lgbm-tuned,lgbm+xgb)
fi
if [ ! -d "$REPO/../shared/data/smpd-video-dev" ]; then
  echo "suite.sh: ../shared/data/smpd-video-dev is missing; the real data set is left out" >&2
  args+=(--only world-default,world-drift,world-coldstart,world-hidden)
fi
/usr/bin/time -v -o "$OUT/logs/suite.time" "$HF" benchmark "${args[@]}" 2> "$OUT/logs/suite.log" | tee "$OUT/logs/suite.out"
echo "suite: $(resources suite)"
