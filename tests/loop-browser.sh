#!/usr/bin/env bash
# Runs the whole browser suite N times in a row (default 10) and prints one line a run, then how many were green:
# the check that the browser tests never stall or flake. Not part of CI (it takes N times the browser suite).
#   bash tests/loop-browser.sh [N]      (GREAT_TEST_TODAY=yyyy-mm-dd works as for the whole suite)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
dotnet build tests/Great.BrowserTests -v q -nologo >/dev/null || { echo "build failed"; exit 2; }
green=0
for n in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(date +%s)
  dotnet test tests/Great.BrowserTests --no-build > "$log" 2>&1
  status=$?
  line=$(grep -E '^(Passed|Failed)! +- ' "$log" | tail -n 1)
  echo "run $n: exit $status in $(( $(date +%s) - start )) s — ${line:-no result line}"
  if [ "$status" -eq 0 ]; then green=$((green + 1)); else grep -E '\[FAIL\]' "$log" | sed 's/^/    /'; cp "$log" "/tmp/browser-run-$n.log"; fi
  rm -f "$log"
done
echo "$green of $runs runs green"
[ "$green" -eq "$runs" ]
