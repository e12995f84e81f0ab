#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# OpenMP threads busy-wait by default; on 2 cores that makes LightGBM and ONNX Runtime 10-60x slower.
export OMP_WAIT_POLICY=PASSIVE
mvn -B -ntp test "$@"
