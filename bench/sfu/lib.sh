# The SFU benchmark's helpers (sourced; functions only): the load tool, a worker of our own, Janus.

SFU_APP="${SFU_APP:-$ROOT/sfu-worker/target/quarkus-app}"
WORKER_PID=""
WORKER_PIDS=()
JANUS_PID=""
WORKER_CPUS=""
TOOL_CPUS=""

# plan_cpus: on a machine with 2 cores or more, the SFU under test (our worker, Janus) runs on the last
# core this script may use and the load tool on the others (taskset). The tool's receive threads are
# woken by the SFU's own sends; sharing its core, they preempted the SFU's media thread ~1,900 times a
# second, which made the SFU's latency tail the tool's. A worker in production has its core to itself
# and its clients elsewhere. SFU_BENCH_PIN=0 leaves both to the scheduler, as several workers (sfu-relay) are.
plan_cpus() {
  WORKER_CPUS="" TOOL_CPUS=""
  [ "${SFU_BENCH_PIN:-1}" = 1 ] && command -v taskset >/dev/null || return 0
  local item allowed=()
  for item in $(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status | tr ',' ' '); do
    if [[ "$item" == *-* ]]; then mapfile -t -O "${#allowed[@]}" allowed < <(seq "${item%-*}" "${item#*-}"); else allowed+=("$item"); fi
  done
  [ "${#allowed[@]}" -ge 2 ] || return 0
  WORKER_CPUS="${allowed[-1]}"
  TOOL_CPUS="$(IFS=,; echo "${allowed[*]:0:${#allowed[@]}-1}")"
}

# pinned CPUS COMMAND...: COMMAND on those CPUs, or where the scheduler likes when CPUS is empty.
pinned() {
  local on="$1"
  shift
  if [ -n "$on" ]; then taskset -c "$on" "$@"; else "$@"; fi
}

# Where the SFU and the load tool ran, for the results' first line.
cpus_note() {
  if [ -n "$WORKER_CPUS" ]; then
    printf 'SFU on CPU %s, load tool on CPU %s (taskset)' "$WORKER_CPUS" "$TOOL_CPUS"
  else
    printf 'SFU and load tool on any CPU'
  fi
}

# Compiles bench/sfu/java against the packaged worker (its STUN, DTLS, SRTP, RTP and SDP classes and
# their libraries) into bench/.state/sfu-classes, when a source or the worker's jar is newer.
build_sfu_tool() {
  local classes="$STATE/sfu-classes"
  [ -f "$SFU_APP/quarkus-run.jar" ] || die "$SFU_APP is missing: build it with ./mvnw -pl sfu-worker -am package -DskipTests"
  if [ ! -f "$classes/.built" ] || [ -n "$(find "$BENCH/sfu/java" "$SFU_APP/app" -newer "$classes/.built" -print -quit)" ]; then
    rm -rf "$classes" && mkdir -p "$classes"
    javac -nowarn -d "$classes" -cp "$SFU_APP/app/*:$SFU_APP/lib/main/*" "$BENCH"/sfu/java/*.java || die "compiling bench/sfu/java failed"
    touch "$classes/.built"
  fi
}

sfu_tool() {
  pinned "$TOOL_CPUS" java -Xmx768m -XX:+UseSerialGC -Djava.awt.headless=true -cp "$STATE/sfu-classes:$SFU_APP/app/*:$SFU_APP/lib/main/*" SfuLoad "$@"
}

ASYNC_PROFILER_VERSION=4.2

# Fetches async-profiler (Maven Central: tools.profiler:async-profiler) once into $STATE and prints the
# path of its Linux x64 agent library.
ensure_async_profiler() {
  local dir="$STATE/async-profiler-$ASYNC_PROFILER_VERSION" jar
  if [ ! -f "$dir/linux-x64/libasyncProfiler.so" ]; then
    mkdir -p "$dir"
    "$ROOT/mvnw" -B -q -ntp dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" \
      -DoutputDirectory="$dir" >&2 || die "could not fetch async-profiler $ASYNC_PROFILER_VERSION from Maven Central"
    jar="$dir/async-profiler-$ASYNC_PROFILER_VERSION.jar"
    (cd "$dir" && unzip -q -o "$jar" 'linux-x64/*') || die "$jar has no linux-x64 library"
  fi
  echo "$dir/linux-x64/libasyncProfiler.so"
}

# start_bench_worker HTTP_PORT UDP_PORT ROOM_URL LOG: this commit's packaged worker, registered with the
# bench room-service only, on WORKER_CPUS (plan_cpus). Sets WORKER_PID and adds it to WORKER_PIDS. Extra JVM
# options (a profiler) come from SFU_WORKER_JAVA_OPTS, another Java from SFU_WORKER_JAVA.
start_bench_worker() {
  local port="$1" udp="$2" room="$3" log="$4"
  [ -z "$(pid_on_port "$port")" ] || die "port $port is taken; is a bench worker still running?"
  say "sfu-worker on port $port, UDP $udp"
  # shellcheck disable=SC2086
  env CPAAS_WORKER_ID="bench-sfu-$port" CPAAS_ROOM_URL="$room" CPAAS_CLUSTER_SECRET="$CPAAS_CLUSTER_SECRET" \
    CPAAS_WORKER_SIGNAL_URL="ws://127.0.0.1:$port/rtc" CPAAS_WORKER_CONTROL_URL="http://127.0.0.1:$port" \
    CPAAS_WORKER_UDP_PORT="$udp" CPAAS_WORKER_ANNOUNCED_ADDRESSES="127.0.0.1:$udp" \
    CPAAS_WORKER_MAX_PARTICIPANTS=5000 CPAAS_WORKER_MAX_TRACKS=20000 QUARKUS_HTTP_PORT="$port" \
    setsid nohup ${WORKER_CPUS:+taskset -c "$WORKER_CPUS"} "${SFU_WORKER_JAVA:-java}" -Xms512m -Xmx512m ${SFU_WORKER_JAVA_OPTS:-} -jar "$SFU_APP/quarkus-run.jar" >"$log" 2>&1 </dev/null &
  WORKER_PID=$!
  WORKER_PIDS+=("$WORKER_PID")
  local i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null && break
    kill -0 "$WORKER_PID" 2>/dev/null || { tail -n 30 "$log" >&2; die "the bench worker exited"; }
    sleep 1
  done
  # Ready means registered: the worker registers with room-service before it reports ready.
  [ "$i" -lt 120 ] || die "the bench worker was not ready after 120 s (log: $log)"
}

# Stops what this script started (the workers, Janus), politely then for good.
sfu_cleanup() {
  local pid
  for pid in "${WORKER_PIDS[@]}" "$JANUS_PID"; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# Installs Janus from Debian's packages when missing (the VideoRoom plugin and the HTTP transport are in it).
ensure_janus() {
  command -v janus >/dev/null && return 0
  say "installing Janus from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq janus >/dev/null
}

# start_janus HTTP_PORT RTP_RANGE DIR: Janus with only VideoRoom and the HTTP transport, its own
# configuration in DIR. libnice never gathers loopback: the load tool's Janus clients use the host's
# address that Janus reports (its local-ip), which the kernel routes locally all the same. Sets JANUS_PID.
start_janus() {
  local port="$1" range="$2" dir="$3" lib
  lib="$(find /usr/lib -path '*janus/plugins/libjanus_videoroom.so' -print -quit)"
  [ -n "$lib" ] || die "Janus's VideoRoom plugin is not installed"
  lib="$(dirname "$(dirname "$lib")")"
  mkdir -p "$dir"
  cat >"$dir/janus.jcfg" <<JCFG
general: {
  configs_folder = "$dir"
  plugins_folder = "$lib/plugins"
  transports_folder = "$lib/transports"
  events_folder = "$lib/events"
  loggers_folder = "$lib/loggers"
  debug_level = 3
  session_timeout = 120
}
media: {
  rtp_port_range = "$range"
}
plugins: {
  disable = "$(cd "$lib/plugins" && ls *.so | grep -v videoroom | paste -sd, -)"
}
transports: {
  disable = "$(cd "$lib/transports" && ls *.so | grep -v http | paste -sd, -)"
}
events: {
  broadcast = false
}
loggers: {
  disable = "$(cd "$lib/loggers" && ls *.so | paste -sd, -)"
}
JCFG
  cat >"$dir/janus.transport.http.jcfg" <<JCFG
general: {
  base_path = "/janus"
  http = true
  port = $port
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
}
JCFG
  printf 'general: {\n}\n' >"$dir/janus.plugin.videoroom.jcfg"
  [ -z "$(pid_on_port "$port")" ] || die "port $port is taken; is a bench Janus still running?"
  say "Janus on port $port, RTP $range"
  setsid nohup ${WORKER_CPUS:+taskset -c "$WORKER_CPUS"} janus -C "$dir/janus.jcfg" -F "$dir" -o >"$dir/janus.log" 2>&1 </dev/null &
  JANUS_PID=$!
  local i
  for i in $(seq 1 60); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/janus/info" 2>/dev/null && return 0
    kill -0 "$JANUS_PID" 2>/dev/null || { tail -n 30 "$dir/janus.log" >&2; die "Janus exited"; }
    sleep 0.5
  done
  die "Janus was not ready after 30 s (log: $dir/janus.log)"
}

# The comparison's verdict per step, from the tool's JSON: CPU per stream of Janus over ours, and both losses.
ratio_lines() {
  jq -r '
    group_by(.plan.subscribers)[]
    | (map(select(.target == "cpaas"))[0]) as $o | (map(select(.target == "janus"))[0]) as $j
    | select($o != null and $j != null)
    | "- \($o.plan.subscribers) subscribers: Janus uses \((($j.serverCpuPercentPerVideoStream / $o.serverCpuPercentPerVideoStream) * 100 | round) / 100)× our CPU per stream (\(($j.serverCpuPercentPerVideoStream * 1000 | round) / 1000) vs \(($o.serverCpuPercentPerVideoStream * 1000 | round) / 1000) % of a core\(if ($o.cpuPercentPerVideoStreamByRound | length) > 1 then "; medians of \($o.cpuPercentPerVideoStreamByRound | length) rounds, ours \($o.cpuPercentPerVideoStreamByRound | map(. * 1000 | round / 1000 | tostring) | join(" · ")), Janus \($j.cpuPercentPerVideoStreamByRound | map(. * 1000 | round / 1000 | tostring) | join(" · "))" else "" end)); \(if ($o.lossPercentByRound | length) > 1 then "worst round'"'"'s loss \(($o.lossPercentByRound | max) * 1000 | round / 1000) % ours, \(($j.lossPercentByRound | max) * 1000 | round / 1000) % Janus" else "loss \(($o.lossPercent * 1000 | round) / 1000) % ours, \(($j.lossPercent * 1000 | round) / 1000) % Janus" end)."
  ' "$1"
}
