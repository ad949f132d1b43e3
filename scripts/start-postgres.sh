#!/usr/bin/env bash
# Starts (idempotently) a throwaway PostgreSQL cluster for the test suite.
#
#   BA_PG_DIR   data/socket/log directory   (default /tmp/ba-pg)
#   BA_PG_PORT  TCP port on 127.0.0.1        (default 55432)
#
# Trust authentication, superuser "postgres", fsync off: for tests only, never for real data.
# stdout: exactly one line, the connection string to export (without a database name), e.g.
#   export BA_TEST_POSTGRES="$(scripts/start-postgres.sh)"
# All diagnostics go to stderr. Runs the server as user postgres when invoked as root.
set -euo pipefail

PG_DIR="${BA_PG_DIR:-/tmp/ba-pg}"
PG_PORT="${BA_PG_PORT:-55432}"
PG_HOST=127.0.0.1
DATA_DIR="$PG_DIR/data"
LOG_FILE="$PG_DIR/postgres.log"
CONN="Host=$PG_HOST;Port=$PG_PORT;Username=postgres;Password=postgres"

log() { echo "start-postgres: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]]; then
  die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (install the Debian package: apt-get install -y postgresql)"
fi

# Already running on that port (ours from an earlier run, or someone else's): nothing to do.
if "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -t 2; then
  log "server already accepting connections on $PG_HOST:$PG_PORT"
  echo "$CONN"
  exit 0
fi

if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user (is the postgresql package installed?)"
  install -d -m 0700 -o postgres -g postgres "$PG_DIR"
  # Re-own a directory left behind by an earlier non-root run.
  chown -R postgres:postgres "$PG_DIR"
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  mkdir -p "$PG_DIR"
  chmod 0700 "$PG_DIR"
  as_pg() { (cd / && "$@"); }
fi

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
  if [[ -e "$DATA_DIR" ]] && [[ -n "$(ls -A "$DATA_DIR" 2>/dev/null)" ]]; then
    die "$DATA_DIR exists, is not empty and is not a PostgreSQL data directory; remove it or set BA_PG_DIR"
  fi
  log "initdb $DATA_DIR ($PG_BIN)"
  if ! as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$PG_DIR/initdb.log" 2>&1; then
    tail -n 30 "$PG_DIR/initdb.log" >&2
    die "initdb failed (full log: $PG_DIR/initdb.log)"
  fi
fi

log "starting server on $PG_HOST:$PG_PORT (log: $LOG_FILE)"
# A stale postmaster.pid from a killed server is handled by pg_ctl/postgres themselves.
if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
    -o "-p $PG_PORT -k '$PG_DIR' -c listen_addresses=$PG_HOST -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2; then
  tail -n 30 "$LOG_FILE" >&2 || true
  die "pg_ctl start failed (full log: $LOG_FILE)"
fi

for _ in $(seq 1 30); do
  if "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -t 2; then
    log "ready"
    echo "$CONN"
    exit 0
  fi
  sleep 1
done
tail -n 30 "$LOG_FILE" >&2 || true
die "server started but is not accepting connections on $PG_HOST:$PG_PORT"
