#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# OpenMP threads busy-wait by default; on 2 cores that makes LightGBM and ONNX Runtime 10-60x slower.
export OMP_WAIT_POLICY=PASSIVE
# The default image model comes from the npm registry (npm pack nsfwjs) and is converted to ONNX once;
# tests then find it in ./models and never reach the network themselves.
./hyperfusion models install
mvn -B -ntp test "$@"
