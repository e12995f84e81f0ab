#!/usr/bin/env bash
# Long run of the property-based tests (jqwik): the three data readers on generated hostile files
# (ReaderPropertiesTest) and the request reader and the real server on generated hostile bodies (RequestPropertiesTest).
# The test suite runs them with 150 tries each; this runs TRIES (default 5000) and prints tries, time and result
# per property. Takes about 15 minutes on 2 cores with the default.
#
#   TRIES=5000 scripts/bench/fuzz.sh
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TRIES="${TRIES:-5000}"
export OMP_WAIT_POLICY=PASSIVE
cd "$REPO"
log="$(mktemp)"
start=$(date +%s)
status=0
mvn -B -ntp test -pl hyperfusion-data,hyperfusion-app -am -Dtest='ReaderPropertiesTest,RequestPropertiesTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default="$TRIES" -Djqwik.reporting.onlyfailures=false \
  > "$log" 2>&1 || status=$?
echo "jqwik, $TRIES tries per property, $(( $(date +%s) - start )) s in all (build included), load $(cut -d' ' -f1-3 /proc/loadavg)"
for xml in hyperfusion-data/target/surefire-reports/TEST-*ReaderPropertiesTest.xml \
           hyperfusion-app/target/surefire-reports/TEST-*RequestPropertiesTest.xml; do
  [ -f "$xml" ] || continue
  grep -o '<testcase name="[^"]*" classname="[^"]*" time="[^"]*"' "$xml" \
    | sed -E 's/<testcase name="([^"]*)" classname="[^"]*\.([^".]*)" time="([^"]*)"/\2.\1  \3 s/'
done
# jqwik's own statistics: outcomes per property (accepted, 4xx, named error, ...).
grep -E '^\s+(accepted|named error|read, |[0-9]{3} )' "$log" | sed 's/^/    /' || true
if [ "$status" -ne 0 ]; then
  echo "FAILED: a property found a counterexample; see $log" >&2
  grep -B2 -A25 'AssertionFailedError\|Exception:' "$log" | head -60 >&2
  exit "$status"
fi
echo "all properties held (full log: $log)"
