#!/usr/bin/env bash
# Rewrites the frozen-bundle fixture (a model bundle of this build, its posts and their scores) that FrozenBundleTest
# loads: only when a change is meant to break old bundles, following "Bundle format versions" in docs/FORMATS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMP_WAIT_POLICY=PASSIVE
mvn -B -ntp -q test-compile dependency:build-classpath -pl hyperfusion-ensemble -am \
    -Dmdep.outputFile=target/ensemble-test.cp -Dmdep.includeScope=test
cd hyperfusion-ensemble
java -cp "target/test-classes:target/classes:$(cat target/ensemble-test.cp)" \
    io.hyperfusion.ensemble.frozen.FrozenBundle src/test/resources/io/hyperfusion/ensemble/frozen
du -sh src/test/resources/io/hyperfusion/ensemble/frozen
