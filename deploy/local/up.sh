#!/usr/bin/env bash
# Starts the whole platform on this machine in the background, waits until every part is
# healthy, seeds a demo tenant, prints where to go and returns. Safe to run twice.
# Stop it with deploy/local/down.sh. Logs: deploy/local/state/logs/.
# Usage: deploy/local/up.sh [--workers N]   (N SFU workers, default 1)
set -euo pipefail

WORKERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) WORKERS="${2:?--workers needs a number}"; shift 2 ;;
    --workers=*) WORKERS="${1#*=}"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$WORKERS" =~ ^[1-9][0-9]?$ ]] || { echo "--workers must be 1 to 99" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/local"
STATE="$HERE/state"
LOGS="$STATE/logs"
RUN="$STATE/run"
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$HERE/lib/postgres.sh"
# shellcheck source=lib/keycloak.sh
source "$HERE/lib/keycloak.sh"
# shellcheck source=lib/coturn.sh
source "$HERE/lib/coturn.sh"
# shellcheck source=lib/services.sh
source "$HERE/lib/services.sh"

KEYCLOAK_PORT="${CPAAS_KEYCLOAK_PORT:-8180}"
TENANT_PORT="${CPAAS_TENANT_PORT:-8081}"
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
TENANT_URL="http://127.0.0.1:$TENANT_PORT"
ROOM_PORT="${CPAAS_ROOM_PORT:-8082}"
ROOM_URL="http://127.0.0.1:$ROOM_PORT"
TURN_PORT="${CPAAS_TURN_PORT:-3478}"
mkdir -p "$LOGS" "$RUN"

say "checking tools"
ensure_packages curl jq unzip
command -v psql >/dev/null || ensure_packages postgresql-client
command -v node >/dev/null || ensure_packages nodejs npm

say "PostgreSQL on 127.0.0.1:5432"
if ! { command -v pg_isready >/dev/null && postgres_ready; }; then
  postgres_ensure
  touch "$RUN/postgres.started-by-us"
fi

# Secrets are made once, kept in state/secrets.env (mode 600, git-ignored) and reused.
SECRETS="$STATE/secrets.env"
if [ ! -f "$SECRETS" ]; then
  umask 077
  cat >"$SECRETS" <<SECRETS_EOF
CPAAS_DB_PASSWORD=$(random_secret)
KC_BOOTSTRAP_ADMIN_USERNAME=keycloak-admin
KC_BOOTSTRAP_ADMIN_PASSWORD=$(random_secret)
CPAAS_ADMIN_USER=cpaas-admin
CPAAS_ADMIN_PASSWORD=$(random_secret | head -c 20)
CPAAS_DEMO_USER=demo
CPAAS_DEMO_PASSWORD=$(random_secret | head -c 20)
CPAAS_CONSOLE_CLIENT_SECRET=$(random_secret)
CPAAS_SERVICE_CLIENT_SECRET=$(random_secret)
CPAAS_CLUSTER_SECRET=$(random_secret)
CPAAS_TURN_SECRET=$(random_secret)
SECRETS_EOF
  umask 022
fi
# A secrets file from an older version lacks the newer secrets: add them.
grep -q '^CPAAS_TURN_SECRET=' "$SECRETS" || echo "CPAAS_TURN_SECRET=$(random_secret)" >>"$SECRETS"
set -a
# shellcheck disable=SC1090
source "$SECRETS"
set +a

postgres_ensure_role cpaas "$CPAAS_DB_PASSWORD"
postgres_ensure_database cpaas cpaas
# The platform relies on it (docs/operations.md#sizing); the server is the machine's, so only say so.
[ "$(pg_superuser -c 'show autovacuum')" = on ] \
  || warn "PostgreSQL's autovacuum is off: dead rows of ended rooms and sessions will pile up and slow joins over hours (docs/operations.md#sizing)"

say "Keycloak on port $KEYCLOAK_PORT"
keycloak_install "$STATE"
if ! curl -fsS -o /dev/null "$KEYCLOAK_URL/realms/cpaas/.well-known/openid-configuration" 2>/dev/null; then
  keycloak_start "$STATE" "$KEYCLOAK_PORT" keycloak "$LOGS/keycloak.log" "$RUN/keycloak.pid"
fi
keycloak_wait "$KEYCLOAK_URL" 300 "$LOGS/keycloak.log" "$RUN/keycloak.pid"

say "coturn (STUN/TURN) on port $TURN_PORT"
coturn_install
if ! { [ -f "$RUN/coturn.pid" ] && kill -0 "$(cat "$RUN/coturn.pid")" 2>/dev/null; }; then
  coturn_start "$TURN_PORT" "$LOGS/coturn.log" "$RUN/coturn.pid" "$CPAAS_TURN_SECRET"
fi
coturn_wait "$TURN_PORT" 30 "$RUN/coturn.pid"

say "building the services (first run downloads dependencies from Maven Central)"
service_build tenant-service
service_build room-service
service_build sfu-worker

say "tenant-service on port $TENANT_PORT"
service_start tenant-service tenant-service "$TENANT_PORT" \
  CPAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/cpaas" CPAAS_DB_USER=cpaas CPAAS_DB_PASSWORD="$CPAAS_DB_PASSWORD" \
  CPAAS_KEYCLOAK_URL="$KEYCLOAK_URL" CPAAS_CLUSTER_SECRET="$CPAAS_CLUSTER_SECRET" \
  CPAAS_CONSOLE_CLIENT_SECRET="$CPAAS_CONSOLE_CLIENT_SECRET" CPAAS_SERVICE_CLIENT_SECRET="$CPAAS_SERVICE_CLIENT_SECRET" \
  CPAAS_ROOM_URL="$ROOM_URL" QUARKUS_HTTP_PORT="$TENANT_PORT"
service_wait tenant-service "$TENANT_URL/q/health/ready" 120

say "room-service on port $ROOM_PORT"
service_start room-service room-service "$ROOM_PORT" \
  CPAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/cpaas" CPAAS_DB_USER=cpaas CPAAS_DB_PASSWORD="$CPAAS_DB_PASSWORD" \
  CPAAS_KEYCLOAK_URL="$KEYCLOAK_URL" CPAAS_CLUSTER_SECRET="$CPAAS_CLUSTER_SECRET" CPAAS_TENANT_URL="$TENANT_URL" \
  CPAAS_TURN_SECRETS="$CPAAS_TURN_SECRET" CPAAS_TURN_HOST=127.0.0.1 CPAAS_TURN_PORT="$TURN_PORT" \
  CPAAS_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true QUARKUS_HTTP_PORT="$ROOM_PORT"
service_wait room-service "$ROOM_URL/q/health/ready" 120

WORKER_URLS=""
for i in $(seq 0 $((WORKERS - 1))); do
  http_port=$(( ${CPAAS_WORKER_HTTP_PORT:-8090} + i ))
  udp_port=$(( ${CPAAS_WORKER_UDP_PORT:-7882} + i ))
  say "sfu-worker worker-$((i + 1)) on port $http_port (WebSocket) and UDP $udp_port"
  service_start "worker-$((i + 1))" sfu-worker "$http_port" \
    CPAAS_WORKER_ID="worker-$((i + 1))" CPAAS_ROOM_URL="$ROOM_URL" CPAAS_CLUSTER_SECRET="$CPAAS_CLUSTER_SECRET" \
    CPAAS_WORKER_SIGNAL_URL="ws://127.0.0.1:$http_port/rtc" CPAAS_WORKER_UDP_PORT="$udp_port" \
    CPAAS_WORKER_ANNOUNCED_ADDRESSES="127.0.0.1:$udp_port" QUARKUS_HTTP_PORT="$http_port"
  service_wait "worker-$((i + 1))" "http://127.0.0.1:$http_port/q/health/ready" 120
  WORKER_URLS="$WORKER_URLS ws://127.0.0.1:$http_port/rtc"
done
# Workers above the requested count from an earlier run are stopped.
for pid_file in "$RUN"/worker-*.pid; do
  [ -e "$pid_file" ] || continue
  n="${pid_file##*/worker-}"; n="${n%.pid}"
  [ "$n" -le "$WORKERS" ] || service_stop "worker-$n"
done

say "seeding the demo tenant"
# shellcheck source=lib/seed.sh
source "$HERE/lib/seed.sh"
seed_demo_tenant "$KEYCLOAK_URL" "$TENANT_URL" "$STATE/credentials.env"

DEMO_PORT="${CPAAS_DEMO_PORT:-8088}"
say "demo meeting app on port $DEMO_PORT"
if [ ! -f "$ROOT/sdk-js/dist/cpaas.min.js" ] || [ -n "$(find "$ROOT/sdk-js/src" "$ROOT/sdk-js/package.json" -newer "$ROOT/sdk-js/dist/cpaas.min.js" -print -quit)" ]; then
  (cd "$ROOT/sdk-js" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) >"$LOGS/build-sdk-js.log" 2>&1 \
    || { tail -n 30 "$LOGS/build-sdk-js.log" >&2; die "building sdk-js failed (log: $LOGS/build-sdk-js.log)"; }
fi
if ! { [ -f "$RUN/demo.pid" ] && kill -0 "$(cat "$RUN/demo.pid")" 2>/dev/null; }; then
  port_in_use "$DEMO_PORT" && die "port $DEMO_PORT is taken by another program; set CPAAS_DEMO_PORT"
  CPAAS_DEMO_PORT="$DEMO_PORT" CPAAS_ROOM_URL="$ROOM_URL" CPAAS_DEMO_KEY="$DEMO_KEY_ID:$DEMO_KEY_SECRET" \
    setsid nohup node "$HERE/demo-server.mjs" >>"$LOGS/demo.log" 2>&1 </dev/null &
  echo $! >"$RUN/demo.pid"
fi
wait_for_http "http://127.0.0.1:$DEMO_PORT/demo/config.json" 20 "demo app" || { tail -n 20 "$LOGS/demo.log" >&2; die "the demo app did not start"; }

umask 077
cat >"$STATE/credentials.env" <<CREDENTIALS_EOF
CPAAS_TENANT_URL=$TENANT_URL
CPAAS_ROOM_URL=$ROOM_URL
CPAAS_KEYCLOAK_URL=$KEYCLOAK_URL
CPAAS_ADMIN_USER=$CPAAS_ADMIN_USER
CPAAS_ADMIN_PASSWORD=$CPAAS_ADMIN_PASSWORD
CPAAS_DEMO_TENANT_ID=$DEMO_TENANT_ID
CPAAS_DEMO_USER=$CPAAS_DEMO_USER
CPAAS_DEMO_PASSWORD=$CPAAS_DEMO_PASSWORD
CPAAS_DEMO_KEY_ID=$DEMO_KEY_ID
CPAAS_DEMO_KEY_SECRET=$DEMO_KEY_SECRET
CPAAS_CLUSTER_SECRET=$CPAAS_CLUSTER_SECRET
CPAAS_DEMO_URL=http://127.0.0.1:$DEMO_PORT/
CPAAS_CONSOLE_URL=$TENANT_URL/console
CREDENTIALS_EOF
umask 022

cat <<SUMMARY

  cpaas is running.

  tenant-service   $TENANT_URL        (API; health $TENANT_URL/q/health, metrics $TENANT_URL/q/metrics)
  Keycloak         $KEYCLOAK_URL/admin/   realm cpaas: $KEYCLOAK_URL/realms/cpaas/account
  room-service     $ROOM_URL        (rooms, tokens, TURN, join; JWKS $ROOM_URL/.well-known/jwks.json)
  coturn           stun:127.0.0.1:$TURN_PORT, turn:127.0.0.1:$TURN_PORT (credentials from POST /v1/turn/credentials)
  SFU workers     $WORKER_URLS  (UDP from ${CPAAS_WORKER_UDP_PORT:-7882}; more with --workers N)

  demo meeting     http://127.0.0.1:$DEMO_PORT/?room=demo   open it in two tabs, type a name, Join
  tenant console   $TENANT_URL/console   sign in as the demo user (usage, live rooms, keys, webhooks);
                   as the platform admin for tenants and the worker pool

  platform admin   $CPAAS_ADMIN_USER / $CPAAS_ADMIN_PASSWORD   (Keycloak realm cpaas)
  demo tenant      $DEMO_TENANT_ID
  demo user        $CPAAS_DEMO_USER / $CPAAS_DEMO_PASSWORD     (tenant-admin of the demo tenant)
  demo API key     $DEMO_KEY_ID:$DEMO_KEY_SECRET

  These are saved in deploy/local/state/credentials.env.  Logs: deploy/local/state/logs/
  Try:  curl -u "$DEMO_KEY_ID:$DEMO_KEY_SECRET" -H 'Content-Type: application/json' -d '{"name":"hello"}' $ROOM_URL/v1/rooms
  Stop: deploy/local/down.sh

SUMMARY
