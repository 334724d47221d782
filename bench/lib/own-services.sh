# A room-service and a tenant-service of the benchmark's own (sourced; functions only): packaged
# jars on a throw-away database and ports of the caller's choice, signing in through the running
# platform's Keycloak (deploy/local/up.sh) or the test one (CPAAS_TEST_KEYCLOAK_URL and its admin
# credentials). Both processes are stopped and the database dropped by own_services_stop, which
# the caller runs from its EXIT trap. Used by console/console.sh and soak/soak.sh.

OWN_PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)
OWN_CONSOLE_CLIENT_ID=cpaas-console-bench
ROOM_PID="" TENANT_PID="" OWN_DB=""

# Sets KC_URL, KC_MASTER_USER, KC_MASTER_PASSWORD, PLATFORM_USER, PLATFORM_PASSWORD: the platform's
# Keycloak when deploy/local/up.sh runs (or the one in $BENCH_PLATFORM_STATE), else the test one.
own_keycloak() {
  if [ -f "$PLATFORM_STATE/secrets.env" ] && [ -f "$PLATFORM_STATE/credentials.env" ]; then
    set -a
    . "$PLATFORM_STATE/secrets.env"
    . "$PLATFORM_STATE/credentials.env"
    set +a
    KC_URL="$CPAAS_KEYCLOAK_URL" KC_MASTER_USER="$KC_BOOTSTRAP_ADMIN_USERNAME" KC_MASTER_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD"
    PLATFORM_USER="$CPAAS_ADMIN_USER" PLATFORM_PASSWORD="$CPAAS_ADMIN_PASSWORD"
  elif [ -n "${CPAAS_TEST_KEYCLOAK_URL:-}" ]; then
    KC_URL="$CPAAS_TEST_KEYCLOAK_URL" KC_MASTER_USER="$CPAAS_TEST_KEYCLOAK_ADMIN_USER"
    KC_MASTER_PASSWORD="$CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD"
    PLATFORM_USER="$CPAAS_TEST_ADMIN_USER" PLATFORM_PASSWORD="$CPAAS_TEST_ADMIN_PASSWORD"
  else
    die "no Keycloak: start the platform with deploy/local/up.sh, or export CPAAS_TEST_KEYCLOAK_URL and its admin credentials"
  fi
  curl -fsS -o /dev/null --max-time 3 "$KC_URL/realms/cpaas" || die "Keycloak at $KC_URL has no realm cpaas"
}

token() { # realm user password
  curl -sS --fail-with-body "$KC_URL/realms/$1/protocol/openid-connect/token" --data-urlencode grant_type=password \
    --data-urlencode client_id=admin-cli --data-urlencode "username=$2" --data-urlencode "password=$3" | jq -r .access_token
}
master_token() { token master "$KC_MASTER_USER" "$KC_MASTER_PASSWORD"; }
kc() { # method path [json]: the admin API of realm cpaas (master tokens live a minute: one per call)
  curl -sS --fail-with-body -X "$1" -H "Authorization: Bearer $(master_token)" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$KC_URL/admin/realms/cpaas$2"
}
client_secret() { kc GET "/clients/$(kc GET "/clients?clientId=$1" | jq -r '.[0].id')/client-secret" | jq -r .value; }

# own_services_start ROOM_PORT TENANT_PORT DB OUT [NAME=value ...]: (re)creates database DB, starts
# room-service (with the extra environment given) and tenant-service on the two ports, logs in
# OUT, and waits (at most 180 s) until both are ready. Sets ROOM_PID, TENANT_PID, CLUSTER_SECRET,
# ROOM_URL, TENANT_URL and OWN_CONSOLE_SECRET. Needs own_keycloak first.
own_services_start() {
  local room_port="$1" tenant_port="$2" db="$3" out="$4"
  shift 4
  local jar port
  for jar in room-service tenant-service; do
    [ -f "$ROOT/$jar/target/quarkus-app/quarkus-run.jar" ] || die "$jar is not built: ./mvnw -B -ntp -q install -DskipTests"
  done
  for port in "$room_port" "$tenant_port"; do
    [ -z "$(pid_on_port "$port")" ] || die "port $port is taken; is a bench instance still running?"
  done
  local master
  master="$(master_token)" || true
  [ -n "$master" ] && [ "$master" != null ] || die "could not sign in to Keycloak's master realm as $KC_MASTER_USER"
  if [ "$(kc GET "/clients?clientId=$OWN_CONSOLE_CLIENT_ID" | jq length)" = 0 ]; then
    say "creating Keycloak client $OWN_CONSOLE_CLIENT_ID (may redirect to any port of 127.0.0.1)"
    kc POST /clients "$(jq -n --arg id "$OWN_CONSOLE_CLIENT_ID" '{clientId:$id, publicClient:false, clientAuthenticatorType:"client-secret",
      standardFlowEnabled:true, directAccessGrantsEnabled:false, redirectUris:["http://127.0.0.1:*"],
      attributes:{"post.logout.redirect.uris":"+"},
      defaultClientScopes:["web-origins","acr","profile","roles","basic","email","cpaas-tenant"]}')" >/dev/null
  fi
  OWN_CONSOLE_SECRET="$(client_secret "$OWN_CONSOLE_CLIENT_ID")"
  local service_secret
  service_secret="$(client_secret cpaas-service)"
  CLUSTER_SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
  ROOM_URL="http://127.0.0.1:$room_port" TENANT_URL="http://127.0.0.1:$tenant_port"

  say "database $db (new); room-service on $room_port and tenant-service on $tenant_port"
  OWN_DB="$db"
  "${OWN_PSQL[@]}" -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
  local jdbc="jdbc:postgresql://127.0.0.1:5432/$db" java_opts
  read -ra java_opts <<<"${BENCH_SERVICE_JAVA_OPTS:-}"
  env CPAAS_DB_URL="$jdbc" CPAAS_DB_USER=postgres CPAAS_DB_PASSWORD= CPAAS_CLUSTER_SECRET="$CLUSTER_SECRET" \
    CPAAS_TENANT_URL="$TENANT_URL" CPAAS_KEYCLOAK_URL="$KC_URL" CPAAS_TURN_SECRETS="$CLUSTER_SECRET" CPAAS_TURN_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$room_port" "$@" \
    setsid nohup java -Xmx512m "${java_opts[@]}" -jar "$ROOT/room-service/target/quarkus-app/quarkus-run.jar" >"$out/room-service.log" 2>&1 </dev/null &
  ROOM_PID=$!
  env CPAAS_DB_URL="$jdbc" CPAAS_DB_USER=postgres CPAAS_DB_PASSWORD= CPAAS_CLUSTER_SECRET="$CLUSTER_SECRET" \
    CPAAS_KEYCLOAK_URL="$KC_URL" CPAAS_CONSOLE_CLIENT_ID="$OWN_CONSOLE_CLIENT_ID" CPAAS_CONSOLE_CLIENT_SECRET="$OWN_CONSOLE_SECRET" \
    CPAAS_SERVICE_CLIENT_SECRET="$service_secret" CPAAS_ROOM_URL="$ROOM_URL" QUARKUS_HTTP_PORT="$tenant_port" \
    setsid nohup java -Xmx512m "${java_opts[@]}" -jar "$ROOT/tenant-service/target/quarkus-app/quarkus-run.jar" >"$out/tenant-service.log" 2>&1 </dev/null &
  TENANT_PID=$!
  local url i
  for url in "$ROOM_URL" "$TENANT_URL"; do
    for i in $(seq 1 180); do
      curl -fsS -o /dev/null --max-time 2 "$url/q/health/ready" 2>/dev/null && break
      kill -0 "$ROOM_PID" && kill -0 "$TENANT_PID" || { tail -n 20 "$out"/*.log >&2; die "a bench instance exited"; }
      [ "$i" -lt 180 ] || die "$url was not ready after 180 s (logs in $out)"
      sleep 1
    done
  done
}

# Stops both services (TERM, KILL after 30 s) and drops the database; safe to call more than once.
own_services_stop() {
  local pid
  for pid in $TENANT_PID $ROOM_PID; do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -z "$OWN_DB" ] || "${OWN_PSQL[@]}" -d postgres -c "drop database if exists $OWN_DB with (force)" || true
}
