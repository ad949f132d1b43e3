#!/usr/bin/env bash
# Adds an EF Core migration with the same name for all three database providers.
#
#   scripts/add-migration.sh NAME
#
# Builds the Web project once, then runs `dotnet ef migrations add NAME --no-build` for
# SqliteAppDbContext, SqlServerAppDbContext and PostgresAppDbContext (each into its own
# Data/Migrations/<Provider> folder), then builds again to prove the new migrations compile.
# Stops at the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PROJECT=src/BathroomAftersales.Web
# provider:context:output-dir (relative to the project)
TARGETS=(
  "Sqlite:SqliteAppDbContext:Data/Migrations/Sqlite"
  "SqlServer:SqlServerAppDbContext:Data/Migrations/SqlServer"
  "PostgreSql:PostgresAppDbContext:Data/Migrations/PostgreSql"
)

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 NAME   (e.g. $0 AddWarrantyCard)" >&2
  exit 2
fi
NAME="$1"
if [[ ! "$NAME" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  echo "add-migration: '$NAME' is not a valid C# identifier (letters, digits, underscore; no leading digit)" >&2
  exit 2
fi

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

echo "== dotnet tool restore ==" >&2
dotnet tool restore >/dev/null

echo "== dotnet build $PROJECT ==" >&2
dotnet build "$PROJECT" --nologo -tl:off -clp:ErrorsOnly\;Summary

done_targets=()
on_error() {
  echo >&2
  echo "add-migration: FAILED while adding '$NAME' for provider $current." >&2
  if [[ ${#done_targets[@]} -gt 0 ]]; then
    echo "add-migration: already added for: ${done_targets[*]}. To undo them, delete the new *_${NAME}.cs and" >&2
    echo "  *_${NAME}.Designer.cs files and restore the ModelSnapshot files (git status / git checkout -- <snapshot>)." >&2
  fi
}

current=""
for target in "${TARGETS[@]}"; do
  IFS=: read -r provider context outdir <<<"$target"
  mapfile -t app_args < <(design_time_args "$provider")
  current="$provider"
  echo "== migrations add $NAME: $provider ($context -> $PROJECT/$outdir) ==" >&2
  # The first "--" ends the options of "dotnet tool run"; the second one separates dotnet-ef's
  # options from the application arguments that reach Program.cs.
  if ! dotnet tool run dotnet-ef -- migrations add "$NAME" \
      --project "$PROJECT" --context "$context" --output-dir "$outdir" --no-build \
      -- "${app_args[@]}"; then
    on_error
    exit 1
  fi
  done_targets+=("$provider")
done

echo "== dotnet build $PROJECT (the new migrations must compile) ==" >&2
dotnet build "$PROJECT" --nologo -tl:off -clp:ErrorsOnly\;Summary

echo "add-migration: added '$NAME' for ${done_targets[*]}." >&2
echo "add-migration: review the generated code, then run scripts/check-migrations.sh." >&2
