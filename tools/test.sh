#!/usr/bin/env bash
# Runs every test assembly of the solution and ends with one plain line "N passed, N failed" summed over all of them
# (dotnet test's own summary is per assembly and not read as a count). Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
results=TestResults
rm -rf "$results"
dotnet test CloudApproval.sln --logger "trx" --results-directory "$results" "$@"
status=$?
passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# A test project that did not build or whose host crashed leaves no results: each one missing counts as a failure,
# so a red build never hides behind the other projects' green counts.
projects=(tests/*/*.Tests.csproj)
missing=$(( ${#projects[@]} - ${#trx_files[@]} ))
if [ "$missing" -gt 0 ]; then
  echo "$missing of ${#projects[@]} test projects left no results: the build or the test host failed (see above)"
  failed=$((failed + missing))
fi
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
