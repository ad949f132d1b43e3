#!/usr/bin/env bash
# The HTTP benchmark: the published Release build answering wrk on the generated million requests, per provider.
#
#   bash scripts/http-benchmark.sh [sqlite|postgres|all]        (default: all)
#
# Needs the databases of scripts/benchmark.sh (it generates them: BA_BENCH_DIR/ba-bench.db for SQLite, the database
# ba_bench on the throwaway PostgreSQL of scripts/start-postgres.sh) and wrk (apt-get install wrk).
#
#   BA_BENCH_DIR            output, the SQLite file and the published app   (default artifacts/benchmark)
#   BA_HTTP_DURATION        seconds per scenario                           (default 20)
#   BA_HTTP_WARMUP          seconds of the same load before each scenario  (default 30)
#   BA_HTTP_CONNECTIONS     wrk connections                                (default 32)
#   BA_HTTP_THREADS         wrk threads                                    (default 2)
#   BA_HTTP_PORT            port of the app on 127.0.0.1                   (default 5199)
#
# Scenarios, each after a warm-up under the same load (a server's steady state: the runtime compiles the busiest
# code again, optimized, during the first minute of load, and the GC sizes its heaps): the anonymous home page and a static file (the floor), the staff queue
# filtered by status (an agent refreshing it, then every view a hard refresh so that none is served from the page kept
# for two seconds, ADR 0021), the portal's request list and a request's page (a customer), the scorecard (a
# manager, after the app's report warm-up), and the portal's submit POST (every request with its own idempotency key;
# acknowledged submissions are compared with the rows written afterwards). Request logging is quiet (Warning).
# Results: BA_BENCH_DIR/http-<provider>.md (a table) and the raw wrk output beside it. Peak RSS from /proc (VmHWM).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

WHICH="${1:-all}"
DIR="${BA_BENCH_DIR:-artifacts/benchmark}"
DURATION="${BA_HTTP_DURATION:-20}"
WARMUP="${BA_HTTP_WARMUP:-30}"
CONNECTIONS="${BA_HTTP_CONNECTIONS:-32}"
THREADS="${BA_HTTP_THREADS:-2}"
PORT="${BA_HTTP_PORT:-5199}"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
PUBLISH="$DIR/publish"
export BA_BENCH_PASSWORD="Bench-Pass-2026-long"

command -v wrk >/dev/null || { echo "http-benchmark: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

echo "== publishing the Release build to $PUBLISH" >&2
dotnet publish src/BathroomAftersales.Web -c Release -o "$PUBLISH" -v quiet -nologo >&2

APP_PID=""
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
trap stop_app EXIT

# The app's settings for a benchmark: Production behind a TLS-terminating proxy (wrk and session.py send
# X-Forwarded-Proto: https), quiet logs, no rate limits (wrk sends everything from one address).
app_env() { # provider connection-string
  env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
    Database__Provider="$1" Database__ConnectionString="$2" Database__MigrateOnStartup=true \
    Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Microsoft=Warning \
    Serilog__MinimumLevel__Override__System=Warning \
    Serilog__MinimumLevel__Override__BathroomAftersales.Web.Infrastructure.Reports.ReportWarmup=Information \
    RateLimits__ServiceRequest__PermitLimit=1000000000 RateLimits__Login__PermitLimit=1000000 \
    Email__SenderEnabled=false Escalation__Enabled=false \
    Files__Root="$DIR/files" \
    "${@:3}"
}

start_app() { # name provider connection-string
  local log="$DIR/app-$1.log"
  (cd "$PUBLISH" && app_env "$2" "$3" ASPNETCORE_URLS="$BASE" dotnet BathroomAftersales.Web.dll >"$log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 600); do
    if curl -fs "$BASE/health/ready" >/dev/null 2>&1; then
      # The process listening on the port (the subshell's child) is the app: what stop_app stops and RSS is read from.
      APP_PID="$(ss -ltnpH "sport = :$PORT" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)"
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $log" >&2; tail -20 "$log" >&2; return 1; }
    sleep 1
  done
  echo "the app did not become ready in 10 minutes; see $log" >&2
  return 1
}


run_sql() { # provider connection-string sql [psql arguments...]: one batch on the benchmark's database
  if [[ "$1" == Sqlite ]]; then
    sqlite3 "${2#Data Source=}" "$3"
  else
    local db port
    db="$(sed -E 's/.*Database=([^;]*).*/\1/' <<<"$2")"
    port="$(sed -E 's/.*Port=([^;]*).*/\1/' <<<"$2")"
    psql -h 127.0.0.1 -p "$port" -U postgres -d "$db" -v ON_ERROR_STOP=1 -Atq -c "$3" "${@:4}"
  fi
}

count_requests() { # provider connection-string
  run_sql "$1" "$2" 'SELECT count(*) FROM "ServiceRequests"'
}

# The submit scenario writes thousands of requests per run (always with session.py's description, from the web form);
# they are deleted again before the next run, so that every run measures the generated data set and not the
# open requests earlier runs left behind.
BENCH_DESCRIPTION='马桶水箱一直在漏水，冲水后水流不停，请尽快安排师傅上门检查。'
forget_submissions() { # provider connection-string
  local vacuum=()
  [[ "$1" == Sqlite ]] || vacuum=(-c 'VACUUM ANALYZE')
  run_sql "$1" "$2" "BEGIN;
CREATE TEMP TABLE gone AS SELECT \"Id\" FROM \"ServiceRequests\" WHERE \"Channel\" = 'Web' AND \"Description\" = '$BENCH_DESCRIPTION';
DELETE FROM \"RequestEvents\" WHERE \"ServiceRequestId\" IN (SELECT \"Id\" FROM gone);
DELETE FROM \"OutboxMessages\" WHERE \"DeduplicationKey\" IN (SELECT 'RequestReceived:' || \"Id\" FROM gone);
DELETE FROM \"Notifications\" WHERE \"Link\" IN (SELECT '/Portal/Requests/Details/' || \"Id\" FROM gone);
DELETE FROM \"ServiceRequests\" WHERE \"Id\" IN (SELECT \"Id\" FROM gone);
SELECT count(*) FROM gone;
COMMIT;" "${vacuum[@]}"
}

run_wrk() { # label script path [cookie]
  local label="$1" script="$2" path="$3" cookie="${4:-}" out
  BA_COOKIE="$cookie" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/scripts/http-bench/$script" "$BASE$path" >/dev/null 2>&1 || true
  out="$(BA_COOKIE="$cookie" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/scripts/http-bench/$script" "$BASE$path" 2>&1)"
  echo "### $label" >>"$RAW"; echo "$out" >>"$RAW"
  row "$label" "$out"
}

# One table row from wrk's output: requests/s, p50, p99, non-2xx.
row() {
  local label="$1" out="$2" rps p50 p99 bad
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  bad="$(awk '/^NOT_OK/ { print $2 } /Non-2xx or 3xx responses:/ { print $5 }' <<<"$out" | head -1)"
  echo "| $label | ${rps:-?} | ${p50:-?} | ${p99:-?} | ${bad:-0} |" | tee -a "$TABLE"
}

bench() { # name provider connection-string
  local name="$1" provider="$2" conn="$3"
  TABLE="$DIR/http-$name.md"; RAW="$DIR/http-$name-wrk.txt"
  : >"$RAW"
  echo "== $name: deleting the requests earlier runs submitted: $(forget_submissions "$provider" "$conn" | tail -1)" >&2
  echo "== $name: benchmark accounts" >&2
  local accounts key request
  accounts="$(cd "$PUBLISH" && app_env "$provider" "$conn" dotnet BathroomAftersales.Web.dll benchmark-accounts)"
  key="$(sed -n 's/^manager-authenticator-key=//p' <<<"$accounts")"
  request="$(sed -n 's/^customer-request-id=//p' <<<"$accounts")"
  [[ -n "$key" && -n "$request" ]] || { echo "benchmark-accounts failed: $accounts" >&2; return 1; }

  echo "== $name: starting the app" >&2
  start_app "$name" "$provider" "$conn"
  # The report warm-up runs in the background after start-up: give it its time before measuring anything.
  for _ in $(seq 1 900); do
    grep -q "settled periods are kept" "$DIR/app-$name.log" 2>/dev/null && break
    grep -qi "Keeping the figures of settled periods failed" "$DIR/app-$name.log" 2>/dev/null && break
    sleep 1
  done

  # Each session signs in right before its scenario. A browser takes the renewed sign-in cookie the app sends when it
  # checks the security stamp (every minute); wrk replays one cookie, so a session older than that would have the
  # stamp checked and the cookie renewed on every request, which no browser does.
  local agent customer manager form body submitter
  {
    echo "$name, $(nproc) cores, $(date -u +%Y-%m-%d), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, each after ${WARMUP} s of the same load"
    echo
    echo "| scenario | requests/s | p50 | p99 | not 200 |"
    echo "|---|---:|---:|---:|---:|"
  } >"$TABLE"
  run_wrk "Home page, anonymous (floor)" get.lua "/"
  run_wrk "Static file /css/site.css (floor)" get.lua "/css/site.css"
  agent="$(python3 scripts/http-bench/session.py "$BASE" bench-agent@bench.local "$BA_BENCH_PASSWORD")"
  run_wrk "Staff queue, status = Scheduled (agent)" get.lua "/Staff/Requests?status=Scheduled" "$agent"
  agent="$(python3 scripts/http-bench/session.py "$BASE" bench-agent@bench.local "$BA_BENCH_PASSWORD")"
  BA_HARD_REFRESH=1 run_wrk "Staff queue, every view rendered (agent)" get.lua "/Staff/Requests?status=Scheduled" "$agent"
  customer="$(python3 scripts/http-bench/session.py "$BASE" bench-customer@bench.local "$BA_BENCH_PASSWORD")"
  run_wrk "Portal, my requests (customer)" get.lua "/Portal/Requests" "$customer"
  customer="$(python3 scripts/http-bench/session.py "$BASE" bench-customer@bench.local "$BA_BENCH_PASSWORD")"
  run_wrk "Portal, a request's page (customer)" get.lua "/Portal/Requests/Details/$request" "$customer"
  manager="$(python3 scripts/http-bench/session.py "$BASE" bench-manager@bench.local "$BA_BENCH_PASSWORD" --totp-key "$key")"
  run_wrk "Scorecard, current quarter (manager, warm)" get.lua "/Reports/Scorecard" "$manager"
  form="$(python3 scripts/http-bench/session.py "$BASE" bench-customer@bench.local "$BA_BENCH_PASSWORD" --form /Portal/Requests/New)"
  body="$(sed -n 2p <<<"$form")"
  submitter="$(sed -n 3p <<<"$form")"

  local before after out accepted
  BA_COOKIE="$submitter" BA_BODY="$body" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/scripts/http-bench/submit.lua" "$BASE/Portal/Requests/New" >/dev/null 2>&1 || true
  before="$(count_requests "$provider" "$conn")"
  out="$(BA_COOKIE="$submitter" BA_BODY="$body" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/scripts/http-bench/submit.lua" "$BASE/Portal/Requests/New" 2>&1)"
  echo "### Submit" >>"$RAW"; echo "$out" >>"$RAW"
  after="$(count_requests "$provider" "$conn")"
  accepted="$(awk '/^ACCEPTED/ { print $2 }' <<<"$out")"
  row "Portal, submit a request (POST)" "$(sed 's/^ACCEPTED.*REFUSED \([0-9]*\)/NOT_OK \1/' <<<"$out")"
  local pid="$APP_PID"
  {
    echo
    local written=$((after - before)) lost=$(( ${accepted:-0} - (after - before) ))
    (( lost < 0 )) && lost=0
    # wrk stops with requests in flight: the app still completes those, so rows written may exceed the 302s counted.
    echo "Submissions acknowledged (302): ${accepted:-?}; rows written: $written; acknowledged but not written: $lost."
    echo "Peak resident memory of the app (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo '?')."
  } | tee -a "$TABLE"
  stop_app
}

if [[ "$WHICH" == sqlite || "$WHICH" == all ]]; then
  bench sqlite Sqlite "Data Source=$DIR/ba-bench.db"
fi
if [[ "$WHICH" == postgres || "$WHICH" == all ]]; then
  bench postgres PostgreSql "$(bash scripts/start-postgres.sh);Database=ba_bench"
fi
