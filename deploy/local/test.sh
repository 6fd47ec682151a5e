#!/usr/bin/env bash
# README line two, and what CI runs: every test, against a throwaway PostgreSQL the tests start themselves,
# the provider simulator over real HTTP, and Chromium for the browser tests. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/prerequisites.sh
ensure_dotnet
ensure_postgres
ensure_chromium

log=$(mktemp)
echo "Building ..."
if ! dotnet build IntegrationHub.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

# The console logger at "minimal" prints each failed test with its message and stack, so a red CI run says why.
dotnet test IntegrationHub.sln -c Release --no-build -nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test project: "Passed!  - Failed: 0, Passed: 12, ..." or "Failed!  - Failed: 1, Passed: 11, ...".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project did not run: never report that as green
fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
