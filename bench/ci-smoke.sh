#!/usr/bin/env bash
# The benchmarks' CI smoke: each benchmark for a few seconds (bench/run.sh --smoke), so that the
# tools never rot. deploy/local/test.sh runs it after Maven; it runs alone too.
#
# It needs the packaged services (./mvnw install -DskipTests), PostgreSQL on 127.0.0.1:5432 and a
# Keycloak with the realm cpaas: test.sh's test instance (CPAAS_TEST_KEYCLOAK_URL,
# CPAAS_TEST_KEYCLOAK_ADMIN_USER/_PASSWORD, CPAAS_TEST_ADMIN_USER/_PASSWORD; CPAAS_TEST_TURN_SECRET and
# CPAAS_TEST_TURN_PORT for the rooms' TURN credentials). It starts a tenant-service and a room-service
# of its own and points the benchmarks at them; it never reads deploy/local/state, so a platform that
# deploy/local/up.sh started (or left behind) and a bench/run.sh by hand are left alone:
#   state      bench/.state-ci (BENCH_STATE), its platform's URLs and secrets in bench/.state-ci/platform
#   databases  CPAAS_BENCH_CI_DB (default cpaas_benchci), and the same with _alloc, _usage, _sfu, _console, _soak
#   TCP ports  CPAAS_BENCH_CI_PORT_BASE (default 19080) + 1 to + 12, the SFU workers' UDP ports base + 11
#              and + 12 (sfu-relay's edge), Janus's RTP ports 21000-21099 (CPAAS_BENCH_CI_JANUS_RTP)
# The services run with BENCH_SERVICE_JAVA_OPTS (default: C1 only, serial GC: less CPU to start).
# Everything it starts is stopped, and its databases dropped, when it exits.
# Usage: bench/ci-smoke.sh [mint join alloc usage console soak sfu-janus sfu-relay jmh]   (default: all;
#        sfu-janus's smoke runs the sfu smoke first, on our worker alone, then the comparison with Janus;
#        sfu-relay's a broadcast over an origin and one edge; jmh's one short iteration of SRTP protect)
# Fails naming every benchmark whose smoke failed; the end of its log is printed.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

export BENCH_STATE="${BENCH_STATE:-$BENCH/.state-ci}"
export BENCH_PLATFORM_STATE="$BENCH_STATE/platform"
DB="${CPAAS_BENCH_CI_DB:-cpaas_benchci}"
BASE="${CPAAS_BENCH_CI_PORT_BASE:-19080}"
TENANT_PORT=$(( BASE + 1 ))
ROOM_PORT=$(( BASE + 2 ))
export CPAAS_BENCH_ALLOC_PORT=$(( BASE + 3 )) CPAAS_BENCH_ALLOC_DB="${DB}_alloc"
export CPAAS_BENCH_USAGE_PORT=$(( BASE + 4 )) CPAAS_BENCH_USAGE_DB="${DB}_usage"
export CPAAS_BENCH_SFU_ROOM_PORT=$(( BASE + 5 )) CPAAS_BENCH_SFU_DB="${DB}_sfu"
export CPAAS_BENCH_CONSOLE_ROOM_PORT=$(( BASE + 6 )) CPAAS_BENCH_CONSOLE_TENANT_PORT=$(( BASE + 7 ))
export CPAAS_BENCH_CONSOLE_DB="${DB}_console"
export CPAAS_BENCH_SOAK_ROOM_PORT=$(( BASE + 9 )) CPAAS_BENCH_SOAK_TENANT_PORT=$(( BASE + 10 )) CPAAS_BENCH_SOAK_DB="${DB}_soak"
export CPAAS_BENCH_JANUS_PORT=$(( BASE + 8 )) CPAAS_BENCH_JANUS_RTP="${CPAAS_BENCH_CI_JANUS_RTP:-21000-21099}"
export CPAAS_BENCH_SFU_WORKER_PORT=$(( BASE + 11 )) CPAAS_BENCH_SFU_WORKER_UDP=$(( BASE + 11 ))
export BENCH_QUIET_WAIT=0
# The services here live a minute: the C1 compiler alone spends much less CPU starting them.
export BENCH_SERVICE_JAVA_OPTS="${BENCH_SERVICE_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
export SFU_WORKER_JAVA_OPTS="${SFU_WORKER_JAVA_OPTS:-$BENCH_SERVICE_JAVA_OPTS}"
read -ra JAVA_OPTS <<<"$BENCH_SERVICE_JAVA_OPTS"

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres)
LOGS="$BENCH_STATE/logs"
say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=(mint join alloc usage console soak sfu-janus sfu-relay jmh)
for name in "${NAMES[@]}"; do
  case "$name" in mint|join|alloc|usage|console|soak|sfu|sfu-janus|sfu-relay|jmh) ;; *) die "unknown benchmark $name" ;; esac
done

: "${CPAAS_TEST_KEYCLOAK_URL:?the test Keycloak: CPAAS_TEST_KEYCLOAK_URL (deploy/local/test.sh sets it)}"
: "${CPAAS_TEST_KEYCLOAK_ADMIN_USER:?CPAAS_TEST_KEYCLOAK_ADMIN_USER (its master realm admin)}"
: "${CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD:?CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD}"
: "${CPAAS_TEST_ADMIN_USER:?CPAAS_TEST_ADMIN_USER (the platform admin of its realm cpaas)}"
: "${CPAAS_TEST_ADMIN_PASSWORD:?CPAAS_TEST_ADMIN_PASSWORD}"
KC_URL="$CPAAS_TEST_KEYCLOAK_URL"
for module in tenant-service room-service sfu-worker; do
  [ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ] \
    || die "$module is not packaged: ./mvnw -B -ntp -q install -DskipTests"
done
for port in $(seq $(( BASE + 1 )) $(( BASE + 12 ))); do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "port $port is taken: is a bench smoke still running? (CPAAS_BENCH_CI_PORT_BASE moves them)"
done

# This run's platform: a new database, new secrets, a new bench tenant; the compiled tools are kept.
rm -rf "$BENCH_PLATFORM_STATE" "$LOGS" "$BENCH_STATE/bench-tenant.env" "$BENCH_STATE/smoke"
mkdir -p "$BENCH_PLATFORM_STATE" "$LOGS"
TENANT_PID="" ROOM_PID=""
cleanup() {
  local pid
  for pid in $ROOM_PID $TENANT_PID; do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  "${PSQL[@]}" -c "drop database if exists $DB with (force)" || true
}
trap cleanup EXIT

master_token() {
  curl -sS --fail-with-body "$KC_URL/realms/master/protocol/openid-connect/token" --data-urlencode grant_type=password \
    --data-urlencode client_id=admin-cli --data-urlencode "username=$CPAAS_TEST_KEYCLOAK_ADMIN_USER" \
    --data-urlencode "password=$CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD" | jq -r .access_token
}
client_secret() { # the secret of client $1 in realm cpaas
  local auth id
  auth="Authorization: Bearer $(master_token)"
  id="$(curl -sS --fail-with-body -H "$auth" "$KC_URL/admin/realms/cpaas/clients?clientId=$1" | jq -r '.[0].id')"
  curl -sS --fail-with-body -H "$auth" "$KC_URL/admin/realms/cpaas/clients/$id/client-secret" | jq -r .value
}
random_secret() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

say "bench smoke: platform of its own (database $DB, tenant-service on $TENANT_PORT, room-service on $ROOM_PORT, Keycloak $KC_URL)"
started="$(date +%s)"
curl -fsS -o /dev/null --max-time 5 "$KC_URL/realms/cpaas" || die "Keycloak at $KC_URL has no realm cpaas"
SERVICE_SECRET="$(client_secret cpaas-service)"
CONSOLE_SECRET="$(client_secret cpaas-console)"
case "$SERVICE_SECRET$CONSOLE_SECRET" in ""|*null*) die "could not read the cpaas-service and cpaas-console clients' secrets from Keycloak" ;; esac
CLUSTER_SECRET="$(random_secret)"
TURN_SECRET="${CPAAS_TEST_TURN_SECRET:-$(random_secret)}"
"${PSQL[@]}" -c "drop database if exists $DB with (force)" -c "create database $DB"
JDBC="jdbc:postgresql://127.0.0.1:5432/$DB"
env CPAAS_DB_URL="$JDBC" CPAAS_DB_USER=postgres CPAAS_DB_PASSWORD= CPAAS_KEYCLOAK_URL="$KC_URL" \
  CPAAS_CLUSTER_SECRET="$CLUSTER_SECRET" CPAAS_CONSOLE_CLIENT_SECRET="$CONSOLE_SECRET" \
  CPAAS_SERVICE_CLIENT_SECRET="$SERVICE_SECRET" CPAAS_ROOM_URL="http://127.0.0.1:$ROOM_PORT" QUARKUS_HTTP_PORT="$TENANT_PORT" \
  setsid nohup java -Xmx512m "${JAVA_OPTS[@]}" -jar "$ROOT/tenant-service/target/quarkus-app/quarkus-run.jar" >"$LOGS/tenant-service.log" 2>&1 </dev/null &
TENANT_PID=$!
env CPAAS_DB_URL="$JDBC" CPAAS_DB_USER=postgres CPAAS_DB_PASSWORD= CPAAS_KEYCLOAK_URL="$KC_URL" \
  CPAAS_CLUSTER_SECRET="$CLUSTER_SECRET" CPAAS_TENANT_URL="http://127.0.0.1:$TENANT_PORT" \
  CPAAS_TURN_SECRETS="$TURN_SECRET" CPAAS_TURN_HOST=127.0.0.1 CPAAS_TURN_PORT="${CPAAS_TEST_TURN_PORT:-13478}" \
  QUARKUS_HTTP_PORT="$ROOM_PORT" \
  setsid nohup java -Xmx512m "${JAVA_OPTS[@]}" -jar "$ROOT/room-service/target/quarkus-app/quarkus-run.jar" >"$LOGS/room-service.log" 2>&1 </dev/null &
ROOM_PID=$!
for port in "$TENANT_PORT" "$ROOM_PORT"; do
  for i in $(seq 1 180); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null && break
    if ! kill -0 "$TENANT_PID" 2>/dev/null || ! kill -0 "$ROOM_PID" 2>/dev/null; then
      tail -n 20 "$LOGS"/*-service.log >&2
      die "the bench smoke's tenant-service or room-service exited"
    fi
    [ "$i" -lt 180 ] || die "port $port was not ready after 180 s (logs in $LOGS)"
    sleep 1
  done
done

# What the benchmarks read (bench/lib/common.sh load_platform_env), as up.sh writes it for its platform.
umask 077
cat >"$BENCH_PLATFORM_STATE/credentials.env" <<ENV
CPAAS_TENANT_URL=http://127.0.0.1:$TENANT_PORT
CPAAS_ROOM_URL=http://127.0.0.1:$ROOM_PORT
CPAAS_KEYCLOAK_URL=$KC_URL
CPAAS_ADMIN_USER=$CPAAS_TEST_ADMIN_USER
CPAAS_ADMIN_PASSWORD=$CPAAS_TEST_ADMIN_PASSWORD
CPAAS_CLUSTER_SECRET=$CLUSTER_SECRET
CPAAS_DB_NAME=$DB
ENV
cat >"$BENCH_PLATFORM_STATE/secrets.env" <<ENV
KC_BOOTSTRAP_ADMIN_USERNAME=$CPAAS_TEST_KEYCLOAK_ADMIN_USER
KC_BOOTSTRAP_ADMIN_PASSWORD=$CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD
CPAAS_CONSOLE_CLIENT_SECRET=$CONSOLE_SECRET
CPAAS_SERVICE_CLIENT_SECRET=$SERVICE_SECRET
CPAAS_CLUSTER_SECRET=$CLUSTER_SECRET
CPAAS_TURN_SECRET=$TURN_SECRET
ENV
umask 022
say "bench smoke: platform ready after $(( $(date +%s) - started )) s"

# Each line of a benchmark's log with the seconds since it started: where the time goes.
timestamped() {
  local t0="$1" line
  while IFS= read -r line; do printf '[%3d s] %s\n' "$(( $(date +%s) - t0 ))" "$line"; done
}

FAILED=()
for name in "${NAMES[@]}"; do
  say "bench smoke: $name"
  t0="$(date +%s)"
  if "$BENCH/run.sh" --smoke "$name" 2>&1 | timestamped "$t0" >"$LOGS/$name.log"; [ "${PIPESTATUS[0]}" = 0 ]; then
    say "bench smoke: $name passed in $(( $(date +%s) - t0 )) s"
  else
    tail -n 40 "$LOGS/$name.log" >&2
    printf '\033[31merror:\033[0m bench smoke: %s FAILED after %s s (log above; all of it in %s)\n' \
      "$name" "$(( $(date +%s) - t0 ))" "$LOGS/$name.log" >&2
    FAILED+=("$name")
  fi
done

[ ${#FAILED[@]} -eq 0 ] || die "bench smoke failed: ${FAILED[*]} ($(( $(date +%s) - started )) s)"
say "bench smoke: all passed (${NAMES[*]}) in $(( $(date +%s) - started )) s"
