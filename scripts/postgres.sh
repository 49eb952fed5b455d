#!/usr/bin/env bash
# Makes a PostgreSQL server reachable for the test suite and prints its connection URI.
# Idempotent: installs Debian's postgresql when missing (as root), starts the cluster, and
# creates the role and database once. Honours an existing TEST_POSTGRES_URI as is.
set -euo pipefail

if [ -n "${TEST_POSTGRES_URI:-}" ]; then echo "$TEST_POSTGRES_URI"; exit 0; fi

PGPORT="${TEST_POSTGRES_PORT:-5432}"
ROLE=payload
DB=payload_test
URI="postgres://$ROLE:$ROLE@127.0.0.1:$PGPORT/$DB"

log() { echo "postgres.sh: $*" >&2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then log "PostgreSQL is not installed and this is not root: install the Debian package postgresql"; exit 1; fi
  log "installing Debian's postgresql"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
fi

if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT"; then
  VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -q "^$VERSION main$"; then
    log "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main -p "$PGPORT" >&2
  fi
  log "starting cluster $VERSION/main"
  pg_ctlcluster "$VERSION" main start >&2 || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p "$PGPORT" || { log "server did not come up on port $PGPORT"; exit 1; }
fi

psql_admin() { as_postgres psql -p "$PGPORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$ROLE'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE' CREATEDB" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$DB'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi
echo "$URI"
