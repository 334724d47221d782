# PostgreSQL for the local stack and the tests (sourced; functions only).
# Uses the PostgreSQL already running on 127.0.0.1:5432, starts the cluster if it is down, and
# installs Debian's package only when there is none.

PG_HOST=127.0.0.1
PG_PORT=5432

pg_superuser() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

postgres_ready() { pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null; }

postgres_ensure() {
  if command -v pg_isready >/dev/null && postgres_ready; then
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null; then
    ensure_packages postgresql
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  say "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  local i
  for i in $(seq 1 30); do
    postgres_ready && return 0
    sleep 1
  done
  die "PostgreSQL did not come up on $PG_HOST:$PG_PORT (see /var/log/postgresql/)"
}

# Creates the login role if missing and sets its password.
postgres_ensure_role() {
  local role="$1" password="$2"
  if [ "$(pg_superuser -c "select 1 from pg_roles where rolname = '$role'")" != "1" ]; then
    pg_superuser -c "create role \"$role\" login"
  fi
  pg_superuser -c "alter role \"$role\" password '$password'" >/dev/null
}

# Creates the database if missing, owned by OWNER.
postgres_ensure_database() {
  local database="$1" owner="$2"
  if [ "$(pg_superuser -c "select 1 from pg_database where datname = '$database'")" != "1" ]; then
    pg_superuser -c "create database \"$database\" owner \"$owner\""
  fi
}

# Drops and creates the database: for test runs that must start from nothing.
postgres_recreate_database() {
  local database="$1" owner="$2"
  pg_superuser -c "drop database if exists \"$database\" with (force)"
  pg_superuser -c "create database \"$database\" owner \"$owner\""
}
