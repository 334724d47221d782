# A second room-service for the benchmarks that seed their own data (sourced; functions only): it
# runs on a throw-away database, talks to the running platform's tenant-service and Keycloak, and is
# stopped, with its database dropped, when the script exits, whatever happens.

BENCH_PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)
INSTANCE_PID=""
INSTANCE_DB=""

_bench_instance_cleanup() {
  if [ -n "$INSTANCE_PID" ] && kill -0 "$INSTANCE_PID" 2>/dev/null; then
    say "stopping the bench room-service (pid $INSTANCE_PID)"
    kill -TERM "$INSTANCE_PID"
    for _ in $(seq 1 30); do kill -0 "$INSTANCE_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$INSTANCE_PID" 2>/dev/null || true
  fi
  [ -z "$INSTANCE_DB" ] || "${BENCH_PSQL[@]}" -d postgres -c "drop database if exists $INSTANCE_DB with (force)" || true
}

# bench_instance_start PORT DB LOG [NAME=value ...]: (re)creates database DB, starts room-service on
# PORT with the extra environment given, logging to LOG, and waits (at most 120 s) until it is ready.
# Sets INSTANCE_PID.
bench_instance_start() {
  local port="$1" db="$2" log="$3"
  shift 3
  local java_opts
  read -ra java_opts <<<"${BENCH_SERVICE_JAVA_OPTS:-}"
  [ -z "$(pid_on_port "$port")" ] || die "port $port is taken; is a bench instance still running?"
  INSTANCE_DB="$db"
  trap _bench_instance_cleanup EXIT
  say "database $db (new) and a second room-service on port $port"
  "${BENCH_PSQL[@]}" -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
  env CPAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" CPAAS_DB_USER=postgres CPAAS_DB_PASSWORD= \
    CPAAS_CLUSTER_SECRET="$CPAAS_CLUSTER_SECRET" CPAAS_TENANT_URL="$CPAAS_TENANT_URL" \
    CPAAS_KEYCLOAK_URL="$CPAAS_KEYCLOAK_URL" CPAAS_TURN_SECRETS="$CPAAS_TURN_SECRET" CPAAS_TURN_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$port" "$@" \
    setsid nohup java -Xmx512m "${java_opts[@]}" -jar "$ROOT/room-service/target/quarkus-app/quarkus-run.jar" \
    >"$log" 2>&1 </dev/null &
  INSTANCE_PID=$!
  local i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null && return 0
    kill -0 "$INSTANCE_PID" 2>/dev/null || { tail -n 30 "$log" >&2; die "the bench room-service exited"; }
    sleep 1
  done
  die "the bench room-service was not ready after 120 s (log: $log)"
}
