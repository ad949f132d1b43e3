#!/usr/bin/env bash
# Checks that the EF Core migrations of all three providers match the model, and that the
# idempotent SQL scripts for SQL Server and PostgreSQL generate (into artifacts/sql/).
#
#   scripts/check-migrations.sh [--no-build]
#
# Without --no-build the Web project is built first (Debug); with it, an up-to-date Debug build
# must already exist (CI builds the solution just before). Needs no database server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PROJECT=src/BathroomAftersales.Web
# provider:context:sql-script-name (empty: no idempotent script; SQLite does not support them)
TARGETS=(
  "Sqlite:SqliteAppDbContext:"
  "SqlServer:SqlServerAppDbContext:sqlserver.sql"
  "PostgreSql:PostgresAppDbContext:postgresql.sql"
)
SQL_DIR="$ROOT/artifacts/sql"

build=1
case "${1:-}" in
  "") ;;
  --no-build) build=0 ;;
  *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A placeholder connection string for the server providers: the design-time commands used here
# never connect, but the app may refuse to start without one.
design_time_args() {
  local provider="$1"
  local args=("--Database:Provider=$provider")
  case "$provider" in
    SqlServer)  args+=("--Database:ConnectionString=Server=127.0.0.1;Database=design-time;TrustServerCertificate=True") ;;
    PostgreSql) args+=("--Database:ConnectionString=Host=127.0.0.1;Database=design-time") ;;
  esac
  printf '%s\n' "${args[@]}"
}

dotnet tool restore >/dev/null
if [[ $build == 1 ]]; then
  echo "== dotnet build $PROJECT ==" >&2
  dotnet build "$PROJECT" --nologo -tl:off -clp:ErrorsOnly\;Summary
fi

# The first "--" ends the options of "dotnet tool run"; the second one (in the calls) separates
# dotnet-ef's options from the application arguments that reach Program.cs.
ef() { dotnet tool run dotnet-ef -- "$@"; }

problems=()
for target in "${TARGETS[@]}"; do
  IFS=: read -r provider context _ <<<"$target"
  mapfile -t app_args < <(design_time_args "$provider")
  echo "== has-pending-model-changes: $provider ($context) ==" >&2
  set +e
  out="$(ef migrations has-pending-model-changes --project "$PROJECT" --context "$context" --no-build \
           -- "${app_args[@]}" 2>&1)"
  rc=$?
  set -e
  echo "$out"
  if [[ $rc != 0 ]]; then
    if grep -q "Changes have been made to the model" <<<"$out"; then
      problems+=("$provider: the model has changes that no migration covers (run scripts/add-migration.sh <Name>)")
    else
      problems+=("$provider: 'dotnet ef migrations has-pending-model-changes' failed (exit code $rc), see output above")
    fi
  fi
done

mkdir -p "$SQL_DIR"
for target in "${TARGETS[@]}"; do
  IFS=: read -r provider context script <<<"$target"
  [[ -n "$script" ]] || continue
  mapfile -t app_args < <(design_time_args "$provider")
  echo "== migrations script --idempotent: $provider -> artifacts/sql/$script ==" >&2
  rm -f "$SQL_DIR/$script"
  if ! ef migrations script --idempotent --project "$PROJECT" --context "$context" --no-build \
         -o "$SQL_DIR/$script" -- "${app_args[@]}"; then
    problems+=("$provider: the idempotent SQL script failed to generate")
  elif [[ ! -s "$SQL_DIR/$script" ]]; then
    problems+=("$provider: the idempotent SQL script is empty")
  else
    echo "   $(wc -l <"$SQL_DIR/$script") lines" >&2
  fi
done

if [[ ${#problems[@]} -gt 0 ]]; then
  echo "check-migrations: FAILED" >&2
  for p in "${problems[@]}"; do echo "  - $p" >&2; done
  exit 1
fi
echo "check-migrations: OK (Sqlite, SqlServer, PostgreSql up to date; SQL scripts in artifacts/sql/)" >&2
