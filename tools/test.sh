#!/usr/bin/env bash
# Runs every test assembly of the solution and ends with one plain line "N passed, N failed" summed over all of them
# (dotnet test's own summary is per assembly and not read as a count). Exits non-zero on any failure.
#
# First every project on SQLite (the embedded default). Then, when PostgreSQL is installed (Debian's postgresql), a
# throwaway cluster on 127.0.0.1 is started, the provider-neutral tests of the Cases project and the Web project's
# two-node tests (which need a server database) run on it, and the cluster is stopped and deleted.
# CLOUDAPPROVAL_TEST_POSTGRES (a superuser connection string) uses a cluster of your own instead;
# CLOUDAPPROVAL_TEST_POSTGRES=off skips the PostgreSQL pass.
# CLOUDAPPROVAL_TEST_POSTGRES_WEB=all also runs every Web test but the HttpSurface category on PostgreSQL (about 7 more
# minutes: left out of CI, which stays well under its 30 minutes).
set -uo pipefail
cd "$(dirname "$0")/.."
results=TestResults
rm -rf "$results"
given_postgres=${CLOUDAPPROVAL_TEST_POSTGRES:-}
unset CLOUDAPPROVAL_TEST_POSTGRES

# Each test project leaves one TRX file per pass; one missing counts as a failure below.
projects=(tests/*/*.Tests.csproj)
expected=${#projects[@]}
started=$(date +%s)
dotnet test CloudApproval.sln --logger "trx" --results-directory "$results/sqlite" "$@"
status=$?
echo "SQLite pass: $(( $(date +%s) - started )) s"

cluster=""
stop_cluster() { if [ -n "$cluster" ]; then tools/pg-cluster.sh stop "$cluster"; cluster=""; fi; }
trap stop_cluster EXIT
postgres=""
if [ "$given_postgres" = "off" ]; then
  echo "PostgreSQL pass skipped (CLOUDAPPROVAL_TEST_POSTGRES=off)"
elif [ -n "$given_postgres" ]; then
  postgres=$given_postgres
elif tools/pg-cluster.sh bin >/dev/null 2>&1; then
  cluster=$(mktemp -d /tmp/cloudapproval-pg.XXXXXX)
  if postgres=$(tools/pg-cluster.sh start "$cluster" --fast); then
    echo "PostgreSQL cluster started: $postgres"
  else
    echo "PostgreSQL is installed but the throwaway cluster did not start (see above)"
    status=1
    postgres=""
  fi
else
  echo "PostgreSQL is NOT installed: the PostgreSQL pass (provider-neutral tests, two-node tests) did not run."
  echo "Install it (apt-get install -y postgresql) or set CLOUDAPPROVAL_TEST_POSTGRES to a superuser connection string."
fi
if [ -n "$postgres" ]; then
  started=$(date +%s)
  # The Cases tests whole; of the Web tests the two-node ones, or with CLOUDAPPROVAL_TEST_POSTGRES_WEB=all all but the
  # HTTP surface (authorization matrix, bad input, sign-in, problem mapping, headers: answered apart from the database).
  web_filter="TestCategory=TwoNodes"
  if [ "${CLOUDAPPROVAL_TEST_POSTGRES_WEB:-}" = "all" ]; then web_filter="TestCategory!=HttpSurface"; fi
  expected=$((expected + 2))
  CLOUDAPPROVAL_TEST_POSTGRES=$postgres dotnet test tests/CloudApproval.Cases.Tests --no-build --logger "trx" --results-directory "$results/postgresql" "$@" || status=1
  CLOUDAPPROVAL_TEST_POSTGRES=$postgres dotnet test tests/CloudApproval.Web.Tests --no-build --filter "$web_filter" \
    --logger "trx" --results-directory "$results/postgresql" "$@" || status=1
  echo "PostgreSQL pass: $(( $(date +%s) - started )) s"
  stop_cluster
fi

passed=0
failed=0
skipped=0
shopt -s nullglob
trx_files=("$results"/*/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${s:-0}))
done
# A test project that did not build or whose host crashed leaves no results: each one missing counts as a failure,
# so a red build never hides behind the other projects' green counts.
missing=$(( expected - ${#trx_files[@]} ))
if [ "$missing" -gt 0 ]; then
  echo "$missing of $expected test project runs left no results: the build or the test host failed (see above)"
  failed=$((failed + missing))
fi
echo "($skipped skipped: SQLite-only tests on PostgreSQL, PostgreSQL-only tests on SQLite)"
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
