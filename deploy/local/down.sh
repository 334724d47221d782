#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, and nothing else. Data (PostgreSQL databases, secrets)
# stays, so the next up.sh finds the same tenants and credentials.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/local"
STATE="$HERE/state"
RUN="$STATE/run"
LOGS="$STATE/logs"
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/keycloak.sh
source "$HERE/lib/keycloak.sh"
# shellcheck source=lib/coturn.sh
source "$HERE/lib/coturn.sh"
# shellcheck source=lib/services.sh
source "$HERE/lib/services.sh"

for pid_file in "$RUN"/worker-*.pid; do
  [ -e "$pid_file" ] || continue
  name="${pid_file##*/}"
  service_stop "${name%.pid}"
done
stop_pid_file "$RUN/demo.pid" "demo app"
service_stop room-service
service_stop tenant-service
if [ -f "$RUN/coturn.pid" ]; then
  say "stopping coturn"
  coturn_stop "$RUN/coturn.pid"
fi
if [ -f "$RUN/keycloak.pid" ]; then
  say "stopping Keycloak"
  keycloak_stop "$RUN/keycloak.pid"
fi
if [ -f "$RUN/postgres.started-by-us" ]; then
  say "stopping PostgreSQL (up.sh started it)"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop || true
  rm -f "$RUN/postgres.started-by-us"
fi
say "stopped"
