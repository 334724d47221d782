# Building and running the platform's Java services in the background (sourced; functions only).
# Expects ROOT, LOGS and RUN to be set by the caller.

# Builds MODULE (and what it needs) unless its runnable jar is newer than every source file;
# a running instance of an outdated build is stopped so that service_start runs the new one.
service_build() {
  local module="$1"
  local jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
  if [ -f "$jar" ] && [ -z "$(find "$ROOT/$module/src/main" "$ROOT/api/src/main" "$ROOT/$module/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  service_stop "$module"
  (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests -pl "$module" -am) >"$LOGS/build-$module.log" 2>&1 \
    || { tail -n 40 "$LOGS/build-$module.log" >&2; die "building $module failed (log: $LOGS/build-$module.log)"; }
}

# Starts an instance NAME of MODULE on PORT with the given NAME=value environment unless it already runs.
service_start() {
  local name="$1" module="$2" port="$3"
  shift 3
  local pid_file="$RUN/$name.pid"
  local jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    # Running the build it was started with: keep it. Built again since: restart it.
    [ "$jar" -nt "$pid_file" ] || return 0
    service_stop "$name"
  fi
  if port_in_use "$port"; then
    die "port $port is taken by another program; free it or set another port (see README)"
  fi
  # The worker's heap is all there from the start: growing it takes the serial collector a full pause.
  local heap=(-Xmx512m)
  [ "$module" != sfu-worker ] || heap=(-Xms512m -Xmx512m)
  env "$@" setsid nohup java "${heap[@]}" -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" \
    >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
}

# Waits for instance NAME's readiness URL; on failure shows the end of its log.
service_wait() {
  local name="$1" url="$2" timeout="$3"
  if ! wait_for_http "$url" "$timeout" "$name"; then
    tail -n 40 "$LOGS/$name.log" >&2
    die "$name did not become ready (log: $LOGS/$name.log)"
  fi
}

service_stop() {
  stop_pid_file "$RUN/$1.pid" "$1"
}
