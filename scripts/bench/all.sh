#!/usr/bin/env bash
# Reruns every benchmark of docs/BENCHMARKS.md in order; logs and resource usage land in $BENCH_OUT/logs.
# Needs the encoder models (./hyperfusion models install). Takes well over an hour on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for step in 00_generate 01_embed 02_lightgbm_features 03_families 03b_family_table 04_ensemble 04b_single_refit 05_demo; do
  echo "== $step"
  bash "$here/$step.sh"
done
