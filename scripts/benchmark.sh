#!/usr/bin/env bash
# Generates a large database per provider (once: a database that already holds requests is reused) and times the
# queries of the desk queue, the portal list and the request page on it. See docs/performance.md.
#
#   bash scripts/benchmark.sh [sqlite|postgres|all]        (default: all)
#
#   BA_BENCH_CUSTOMERS  customers to generate   (default 200000)
#   BA_BENCH_REQUESTS   requests to generate    (default 1000000)
#   BA_BENCH_SEED       generator seed          (default 42)
#   BA_BENCH_RUNS       warm runs per query     (default 50)
#   BA_BENCH_DIR        output and SQLite file  (default artifacts/benchmark)
# PostgreSQL: the throwaway server of scripts/start-postgres.sh (BA_PG_DIR, BA_PG_PORT), database ba_bench.
set -euo pipefail
cd "$(dirname "$0")/.."

WHICH="${1:-all}"
CUSTOMERS="${BA_BENCH_CUSTOMERS:-200000}"
REQUESTS="${BA_BENCH_REQUESTS:-1000000}"
SEED="${BA_BENCH_SEED:-42}"
RUNS="${BA_BENCH_RUNS:-50}"
DIR="${BA_BENCH_DIR:-artifacts/benchmark}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

dotnet build src/BathroomAftersales.Web -c Release -v quiet -nologo >&2
app() { dotnet run --no-build --project src/BathroomAftersales.Web -c Release --no-launch-profile -- "$@"; }

bench() { # name provider connection-string
  local name="$1" provider="$2" conn="$3" code=0
  echo "== $name: generate-data ($CUSTOMERS customers, $REQUESTS requests, seed $SEED)" >&2
  # The generator holds the whole history's keys in memory: lift the server's heap limit for it.
  DOTNET_GCHeapHardLimit=0 app generate-data --customers "$CUSTOMERS" --requests "$REQUESTS" --seed "$SEED" \
    --Database:Provider="$provider" "--Database:ConnectionString=$conn" | tee "$DIR/generate-$name.log" || code=$?
  # Exit code 1 is the refusal of a database that already holds requests: benchmark the one that is there.
  [[ $code == 0 || $code == 1 ]] || exit "$code"
  echo "== $name: benchmark ($RUNS warm runs per query)" >&2
  app benchmark --runs "$RUNS" --Database:Provider="$provider" "--Database:ConnectionString=$conn" | tee "$DIR/benchmark-$name.md"
}

if [[ "$WHICH" == sqlite || "$WHICH" == all ]]; then
  bench sqlite Sqlite "Data Source=$DIR/ba-bench.db"
fi
if [[ "$WHICH" == postgres || "$WHICH" == all ]]; then
  bench postgres PostgreSql "$(bash scripts/start-postgres.sh);Database=ba_bench"
fi
