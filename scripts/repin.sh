#!/usr/bin/env bash
# Re-measures the pinned held-out scores after an intended change (new defaults, new features): runs the tests that
# pin scores with -Dhyperfusion.repin=true, which makes each write what it measured into
# hyperfusion-models/src/test/resources/io/hyperfusion/models/pinned-scores.properties instead of asserting.
# Review the diff it prints, then commit the file with the change that moved the scores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMP_WAIT_POLICY=PASSIVE
./hyperfusion models install >/dev/null
mvn -B -ntp -q test -pl hyperfusion-app -am -Dhyperfusion.repin=true -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='FamiliesOnAGeneratedWorldTest,CatBoostMemberTest,CliEndToEndTest' "$@"
git --no-pager diff -- hyperfusion-models/src/test/resources/io/hyperfusion/models/pinned-scores.properties
