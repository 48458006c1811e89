#!/usr/bin/env bash
# Runs test projects as if on each of several days (GREAT_TEST_TODAY), one line a day and project: the proof that the
# suite holds on any day. Not part of CI. Defaults to the days issue 40 names; needs a build first.
#   bash tests/run-on-days.sh [project ...]     e.g. bash tests/run-on-days.sh Great.IntegrationTests
#   DAYS="2027-01-01 2028-02-29" bash tests/run-on-days.sh
set -uo pipefail
cd "$(dirname "$0")/.."
days=${DAYS:-"2026-11-24 2027-01-01 2027-02-28 2027-07-20 2027-12-31 2028-02-29"}
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(Great.UnitTests Great.IntegrationTests Great.BrowserTests)
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
failed=0
for day in $days; do
  for project in "${projects[@]}"; do
    log="/tmp/great-$project-$day.log"
    GREAT_TEST_TODAY=$day dotnet test "tests/$project" --no-build > "$log" 2>&1
    status=$?
    echo "$day $project: $(grep -E '^(Passed|Failed)! +- ' "$log" | tail -n 1 | sed -E 's/, Duration.*//')"
    if [ "$status" -ne 0 ]; then failed=1; grep -E '\[FAIL\]' "$log" | sed 's/^/    /'; fi
  done
done
exit $failed
