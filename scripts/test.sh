#!/usr/bin/env bash
# THE test command: builds the solution once and runs every test assembly.
#
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Orders]
#
# - Starts a throwaway PostgreSQL (scripts/start-postgres.sh) and exports BA_TEST_POSTGRES
#   (connection string without a database name) unless BA_TEST_POSTGRES is already set or
#   PostgreSQL is not installed (then the PostgreSQL tests skip, visibly).
# - Exports BA_TEST_CHROMIUM=/usr/bin/chromium when that exists and the variable is unset.
# - Exports BA_ARTIFACTS=<repo>/artifacts (screenshots etc.); the full log is artifacts/test.log.
# - When PostgreSQL is available, runs the integration test assembly a second time with
#   BA_TEST_PROVIDER=PostgreSql (every AppFactory on its own PostgreSQL database, dropped afterwards);
#   its log section is "== integration tests on PostgreSQL ==" and its results are in
#   artifacts/test-results-postgresql (trx files named *-postgresql.trx).
# - Last line printed: "N passed, N failed, N skipped" summed over all test assemblies and both runs.
# - Exit code non-zero when the build fails, dotnet test fails, any test fails, or no test ran.
#
# Optional: BA_TEST_CONFIGURATION (default Debug), BA_TEST_HANG_TIMEOUT (default 10m; a single
# test running longer than that kills its test host instead of hanging the run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIGURATION="${BA_TEST_CONFIGURATION:-Debug}"
HANG_TIMEOUT="${BA_TEST_HANG_TIMEOUT:-10m}"
ARTIFACTS="$ROOT/artifacts"
LOG="$ARTIFACTS/test.log"
SUMMARY_FILE="$ARTIFACTS/test-summary.txt"

mkdir -p "$ARTIFACTS"
export BA_ARTIFACTS="$ARTIFACTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
: >"$LOG"
rm -f "$SUMMARY_FILE"

summary_printed=0
print_summary() {
  # One line per test assembly looks like (VSTest console logger, verbosity minimal):
  # Failed!  - Failed:     1, Passed:     4, Skipped:     1, Total:     6, Duration: 58 ms - A.dll (net10.0)
  local line
  line="$(awk '
    /^(Passed|Failed|Skipped)! +- Failed:/ {
      gsub(",", "")
      for (i = 1; i < NF; i++) {
        if ($i == "Failed:")  f += $(i + 1)
        if ($i == "Passed:")  p += $(i + 1)
        if ($i == "Skipped:") s += $(i + 1)
      }
    }
    END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG")"
  echo "$line" >"$SUMMARY_FILE"
  echo "$line"
  summary_printed=1
}
on_exit() {
  local rc=$?
  if [[ $summary_printed == 0 ]]; then
    echo "test.sh: aborted before the tests finished (exit code $rc); see messages above" >&2
    print_summary
  fi
  exit "$rc"
}
trap on_exit EXIT

section() { echo "== test.sh: $* (t=${SECONDS}s) ==" >&2; }

section "dotnet build BathroomAftersales.sln -c $CONFIGURATION"
if ! dotnet build BathroomAftersales.sln -c "$CONFIGURATION" --nologo -tl:off -clp:ErrorsOnly\;Summary 2>&1 | tee -a "$LOG"; then
  echo "test.sh: BUILD FAILED" >&2
  exit 1
fi

if [[ -z "${BA_TEST_POSTGRES:-}" ]]; then
  if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    section "starting PostgreSQL"
    BA_TEST_POSTGRES="$(bash "$ROOT/scripts/start-postgres.sh")"
    export BA_TEST_POSTGRES
  else
    echo "test.sh: PostgreSQL is not installed: BA_TEST_POSTGRES unset, PostgreSQL tests will be skipped" >&2
  fi
fi
if [[ -z "${BA_TEST_CHROMIUM:-}" ]]; then
  if [[ -x /usr/bin/chromium ]]; then
    export BA_TEST_CHROMIUM=/usr/bin/chromium
  else
    echo "test.sh: /usr/bin/chromium not found: BA_TEST_CHROMIUM unset, browser tests will be skipped" >&2
  fi
fi
echo "test.sh: BA_TEST_POSTGRES=${BA_TEST_POSTGRES:-<unset>}" >&2
echo "test.sh: BA_TEST_CHROMIUM=${BA_TEST_CHROMIUM:-<unset>}" >&2
echo "test.sh: BA_ARTIFACTS=$BA_ARTIFACTS" >&2

section "dotnet test"
set +e
# Verbosity "minimal" is the one that prints the per-assembly "Passed!/Failed!  - Failed: ..." line,
# plus the names of failed and skipped tests ("normal" prints a different summary block).
# The first run is the SQLite one whatever the environment says; the PostgreSQL run follows below.
BA_TEST_PROVIDER=Sqlite dotnet test BathroomAftersales.sln -c "$CONFIGURATION" --no-build --nologo -tl:off \
  --logger "console;verbosity=minimal" \
  --results-directory "$ARTIFACTS/test-results" \
  --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
  "$@" 2>&1 | tee -a "$LOG"
test_rc=${PIPESTATUS[0]}
set -e
section "dotnet test finished with exit code $test_rc"

if [[ -n "${BA_TEST_POSTGRES:-}" ]]; then
  echo "== integration tests on PostgreSQL ==" | tee -a "$LOG"
  section "integration tests again with BA_TEST_PROVIDER=PostgreSql"
  pg_started=$SECONDS
  # Tests that choose their own database (trait Database=OwnDatabase: PostgreSQL-only tests, the child-process fault
  # checks, SQLite's own file) ran in the first pass; here they would only repeat themselves. A caller's own --filter wins.
  pg_filter=(--filter "Database!=OwnDatabase")
  for arg in "$@"; do
    [[ "$arg" == --filter ]] && pg_filter=()
  done
  set +e
  BA_TEST_PROVIDER=PostgreSql dotnet test tests/BathroomAftersales.IntegrationTests -c "$CONFIGURATION" --no-build --nologo -tl:off \
    "${pg_filter[@]}" \
    --logger "console;verbosity=minimal" \
    --logger "trx;LogFilePrefix=integration-postgresql" \
    --results-directory "$ARTIFACTS/test-results-postgresql" \
    --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
    "$@" 2>&1 | tee -a "$LOG"
  pg_rc=${PIPESTATUS[0]}
  set -e
  section "integration tests on PostgreSQL finished with exit code $pg_rc in $((SECONDS - pg_started))s"
  if [[ $pg_rc != 0 && $test_rc == 0 ]]; then
    test_rc=$pg_rc
  fi
  # Each factory drops its database; one left behind means a factory was not disposed.
  libpq="$(tr ';' '\n' <<<"$BA_TEST_POSTGRES" | awk -F= '
    tolower($1) == "host" { printf "host=%s ", $2 }  tolower($1) == "port" { printf "port=%s ", $2 }
    tolower($1) == "username" { printf "user=%s ", $2 }  tolower($1) == "password" { printf "password=%s ", $2 }')"
  leftover="$(psql "$libpq dbname=postgres" -At -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'ba_test_%'" 2>/dev/null || true)"
  if [[ -n "$leftover" && "$leftover" != 0 ]]; then
    echo "warning: $leftover ba_test_* database(s) left on the PostgreSQL server" | tee -a "$LOG"
  fi
else
  echo "test.sh: BA_TEST_POSTGRES unset: the integration tests did not run on PostgreSQL" | tee -a "$LOG" >&2
fi

# Recap, so failures and skips are visible without scrolling.
if grep -qE '^  Failed ' "$LOG"; then
  echo "Failed tests:"
  grep -E '^  Failed ' "$LOG" | sed -E 's/ \[[^]]*\]$//; s/^  Failed /  - /'
fi
if grep -qE '^  Skipped ' "$LOG"; then
  echo "Skipped tests:"
  grep -E '^  Skipped ' "$LOG" | sed -E 's/ \[[^]]*\]$//; s/^  Skipped /  - /'
fi
grep -E '^No test is available in ' "$LOG" | sed -E 's/^No test is available in ([^ ]*)\..*/warning: no tests found in \1/' || true
if grep -qE 'The active test run was aborted|Test host process crashed|hang dump' "$LOG"; then
  echo "warning: a test host crashed or hung; see $LOG"
fi

summary="$(print_summary)"
summary_printed=1
read -r passed _ failed _ skipped _ <<<"$summary"

rc=0
if [[ $test_rc != 0 ]]; then
  echo "test.sh: dotnet test exited with code $test_rc"
  rc=1
fi
if [[ $failed != 0 ]]; then
  echo "test.sh: $failed test(s) failed"
  rc=1
fi
if [[ $((passed + failed)) == 0 ]]; then
  echo "test.sh: no test ran"
  rc=1
fi
echo "$summary"
exit "$rc"
