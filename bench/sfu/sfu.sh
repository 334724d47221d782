#!/usr/bin/env bash
# SFU forwarding benchmark: simulated publishers and subscribers (bench/sfu/java) through the real join
# flow against a worker of our own started here, and (with --compare) the same one-room load against
# Janus's VideoRoom, subscribers stepping up. A second room-service on a throw-away database
# (cpaas_bench_sfu) places the rooms on that worker only; the running platform's tenant-service checks
# the bench tenant's API key. Everything started here is stopped on exit.
# With --shapes, three room shapes one after the other instead: an audio-only room, meetings where
# everyone's video goes to everyone, and a one-host broadcast (issue 7's numbers).
# With --silence, one meeting shape three times: every microphone's audio forwarded (no RFC 6464 levels),
# then one speaker a room and the others silent, which the worker leaves out, then the first again on
# the warm worker (what leaving silence out saves).
# With --feedback-cost, the default load twice: the subscribers silent on RTCP as in the other runs, then
# sending transport-cc feedback and receiver reports as browsers do (--feedback; what feedback costs).
# With --profile, the default load (or the one given) with async-profiler in the worker: where its media
# thread's CPU goes, kernel included, printed and kept in bench/.state/sfu/; nothing is written to the docs.
# With --relay, a broadcast over several workers: an origin and --edges=E edge workers (default 3), the
# bench room-service opening an edge per --viewers-per-edge=V viewers (default 50), one host and viewers
# stepping up (--steps, default 25,50,100,150): what the origin sends against what the edges send.
# Usage: bench/sfu/sfu.sh [--smoke] [--compare|--shapes|--silence|--feedback-cost|--profile|--relay] [--steps=10,50,100,200]
#        [--edges=3] [--viewers-per-edge=50] [SfuLoad options, e.g. --rooms=4]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH/lib/bench-tenant.sh"
. "$BENCH/lib/bench-instance.sh"
. "$BENCH/sfu/lib.sh"

SMOKE=0 COMPARE=0 SHAPES=0 SILENCE=0 FEEDBACK=0 PROFILE=0 RELAY=0 STEPS="" EDGES=3 PER_EDGE=50 EXTRA=()
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --compare) COMPARE=1 ;;
    --shapes) SHAPES=1 ;;
    --silence) SILENCE=1 ;;
    --feedback-cost) FEEDBACK=1 ;;
    --profile) PROFILE=1 ;;
    --relay) RELAY=1 ;;
    --steps=*) STEPS="${arg#*=}" ;;
    --edges=*) EDGES="${arg#*=}" ;;
    --viewers-per-edge=*) PER_EDGE="${arg#*=}" ;;
    *) EXTRA+=("$arg") ;;
  esac
done
if [ "$PROFILE" = 1 ] && [ "$SMOKE$COMPARE$SHAPES$SILENCE$FEEDBACK$RELAY" != 000000 ]; then
  die "--profile goes with the default load only (not --smoke, --compare, --shapes, --silence, --feedback-cost or --relay)"
fi
[ "$(( COMPARE + SHAPES + SILENCE + FEEDBACK + RELAY ))" -le 1 ] \
  || die "--compare, --shapes, --silence, --feedback-cost and --relay are different runs: give one"
[[ "$EDGES" =~ ^[1-9][0-9]?$ && "$PER_EDGE" =~ ^[1-9][0-9]*$ ]] || die "--edges is 1-99 and --viewers-per-edge a positive number"

ROOM_PORT="${CPAAS_BENCH_SFU_ROOM_PORT:-18084}"
WORKER_PORT="${CPAAS_BENCH_SFU_WORKER_PORT:-18091}"
WORKER_UDP="${CPAAS_BENCH_SFU_WORKER_UDP:-17891}"
JANUS_PORT="${CPAAS_BENCH_JANUS_PORT:-18088}"
JANUS_RTP="${CPAAS_BENCH_JANUS_RTP:-20000-20999}"
OUT="$STATE/sfu"
[ "$SMOKE" != 1 ] || OUT="$STATE/smoke/sfu"
mkdir -p "$OUT"

load_platform_env
ensure_bench_tenant
[ "$COMPARE" != 1 ] || ensure_janus
build_sfu_tool
# One SFU under test gets a core of its own; several workers (a broadcast's origin and edges) share the machine.
if [ "$RELAY" = 1 ]; then SFU_BENCH_PIN=0 plan_cpus; else plan_cpus; fi
if [ "$PROFILE" = 1 ]; then
  rm -f "$OUT/profile.collapsed"
  profiler_lib="$(ensure_async_profiler)"
  # cpu: perf events where the kernel allows them (its frames too for root or at perf_event_paranoid <= 1), else timers.
  SFU_WORKER_JAVA_OPTS="${SFU_WORKER_JAVA_OPTS:-} -agentpath:$profiler_lib=start,event=cpu,interval=1ms,threads,collapsed,file=$OUT/profile.collapsed"
  [ "$(id -u)" -eq 0 ] || [ "$(cat /proc/sys/kernel/perf_event_paranoid)" -le 1 ] \
    || say "warning: kernel/perf_event_paranoid is $(cat /proc/sys/kernel/perf_event_paranoid): the profile will not show kernel frames (run as root, or set it to 1)"
fi

# Failure detection is not what is measured: a worker whose heartbeats a loaded machine delays is not
# declared dead (its rooms released, its participants dropped) in the middle of a run.
bench_instance_start "$ROOM_PORT" "${CPAAS_BENCH_SFU_DB:-cpaas_bench_sfu}" "$OUT/room-service.log" CPAAS_POOL_MISSED_HEARTBEATS=30 \
  CPAAS_BROADCAST_VIEWERS_PER_EDGE="$PER_EDGE"
trap 'sfu_cleanup; _bench_instance_cleanup' EXIT
# The bench room-service reconciles each heartbeat's participant list (8 % of a core for 400 of them,
# every 2 s): on the tool's cores, not the SFU's, where it would preempt the media thread mid-fan-out.
[ -z "$TOOL_CPUS" ] || taskset -a -p -c "$TOOL_CPUS" "$INSTANCE_PID" >/dev/null
start_bench_worker "$WORKER_PORT" "$WORKER_UDP" "http://127.0.0.1:$ROOM_PORT" "$OUT/worker.log"
[ "$COMPARE" != 1 ] || start_janus "$JANUS_PORT" "$JANUS_RTP" "$OUT/janus"
if [ "$RELAY" = 1 ]; then
  # The origin is whichever worker room-service places the host on; the others are its edges.
  [ "$SMOKE" != 1 ] || EDGES=1
  WATCH="$WORKER_PID@http://127.0.0.1:$WORKER_PORT/q/metrics"
  for i in $(seq 1 "$EDGES"); do
    start_bench_worker "$(( WORKER_PORT + i ))" "$(( WORKER_UDP + i ))" "http://127.0.0.1:$ROOM_PORT" "$OUT/worker-$i.log"
    WATCH+=",$WORKER_PID@http://127.0.0.1:$(( WORKER_PORT + i ))/q/metrics"
  done
fi

wait_for_quiet
COMMON=(--room-url="http://127.0.0.1:$ROOM_PORT" --api-key="$BENCH_KEY" --worker-pid="$WORKER_PID"
  --worker-metrics="http://127.0.0.1:$WORKER_PORT/q/metrics")
# Over several workers, the per-worker table says who did what; the one-worker rows would be the last edge's.
[ "$RELAY" != 1 ] || COMMON=(--room-url="http://127.0.0.1:$ROOM_PORT" --api-key="$BENCH_KEY" --mode=broadcast --watch="$WATCH")
if [ "$SMOKE" = 1 ] && [ "$RELAY" = 1 ]; then
  say "smoke: a broadcast over an origin and 1 edge, 1 host × 2 viewers for 3 s"
  sfu_tool "${COMMON[@]}" --steps=2 --seconds=3 --warmup=1 --json="$OUT/smoke-relay.json" "${EXTRA[@]}" | tee "$OUT/smoke-relay.md"
  # The viewers got everything through the edge, and the origin relayed it rather than sending it to them.
  jq -e '.[0].failedJoins == 0 and .[0].receivedPacketsPerSecond > 0 and .[0].silentStreams == 0
      and ([.[0].workers[] | select(.role == "origin" and .relayPacketsOutPerSecond > 0)] | length) == 1
      and ([.[0].workers[] | select(.role == "edge" and .rtpPacketsOutPerSecond > 0)] | length) == 1' "$OUT/smoke-relay.json" >/dev/null \
    || die "sfu-relay smoke: joins failed, nothing was received, or the media did not go through an edge (see $OUT/smoke-relay.json, $OUT/worker*.log)"
  say "smoke passed"
  exit 0
elif [ "$SMOKE" = 1 ]; then
  say "smoke: 1 room × 1 publisher × 2 subscribers for 3 s"
  sfu_tool "${COMMON[@]}" --rooms=1 --publishers=1 --subscribers=2 --seconds=3 --warmup=1 --json="$OUT/smoke.json" \
    "${EXTRA[@]}" | tee "$OUT/smoke.md"
  # The smoke run fails when nothing was forwarded: the tool must measure something real.
  jq -e '.[0].failedJoins == 0 and .[0].receivedPacketsPerSecond > 0 and .[0].silentStreams == 0' "$OUT/smoke.json" >/dev/null \
    || die "sfu smoke: joins failed or nothing was received (see $OUT/smoke.json, $OUT/worker.log)"
  if [ "$COMPARE" = 1 ]; then
    sfu_tool "${COMMON[@]}" --compare=2 --rounds=2 --seconds=3 --warmup=1 --janus-url="http://127.0.0.1:$JANUS_PORT/janus" \
      --janus-pid="$JANUS_PID" --json="$OUT/smoke-compare.json" --chart="$OUT/smoke-compare.png" | tee "$OUT/smoke-compare.md"
    # Both SFUs forwarded to every subscriber in both rounds (each kept the median's), and the chart was drawn.
    jq -e '([.[].target] | sort) == ["cpaas", "janus"]
        and all(.[]; .failedJoins == 0 and .receivedPacketsPerSecond > 0 and .silentStreams == 0
          and (.cpuPercentPerVideoStreamByRound | length) == 2 and (.lossPercentByRound | length) == 2)' \
        "$OUT/smoke-compare.json" >/dev/null \
      || die "sfu-janus smoke: joins failed, nothing was received on one SFU or a round is missing (see $OUT/smoke-compare.json, $OUT/janus/janus.log)"
    [ -s "$OUT/smoke-compare.png" ] || die "sfu-janus smoke: no chart was drawn"
  fi
  say "smoke passed"
  exit 0
fi

# Our worker, unmeasured: the default load for a minute. A just-started worker's JIT compilers take more
# of its core in the first window than its media thread does at small loads.
warm_worker() {
  say "warming our worker: the default load for a minute, not measured"
  sfu_tool "${COMMON[@]}" --rooms=4 --publishers=1 --subscribers=50 --seconds=5 --warmup=55 --quiet >"$OUT/warmup.md"
}

# Runs each "name|what it is|load tool options" shape for 20 s after 20 s of warm-up, one after the other on
# the one worker warmed first, and writes them all into docs/benchmarks.md's block $1.
run_shapes() {
  local block="$1" shape name what options
  shift
  echo "Measured $(machine_line); this commit's sfu-worker jar (-Xms512m -Xmx512m); $(cpus_note); the worker warmed by a minute of the default load, then each shape for 20 s after the joins and 20 s of warm-up." \
    >"$OUT/$block-results.md"
  warm_worker
  for shape in "$@"; do
    IFS='|' read -r name what options <<<"$shape"
    wait_for_quiet
    say "shape $name: $what"
    # shellcheck disable=SC2086
    sfu_tool "${COMMON[@]}" --seconds=20 --warmup=20 $options --json="$OUT/shape-$name.json" "${EXTRA[@]}" | tee "$OUT/shape-$name.md"
    { echo; echo "**$what** (\`$options\`)"; echo; cat "$OUT/shape-$name.md"; } >>"$OUT/$block-results.md"
  done
  write_results "$block" "$OUT/$block-results.md"
}

if [ "$SHAPES" = 1 ]; then
  run_shapes sfu-shapes \
    "audio|audio-only rooms: 4 rooms × 1 speaker × 100 listeners (400 audio streams)|--rooms=4 --publishers=1 --subscribers=100 --media=audio" \
    "meeting|meetings: 2 rooms × 10 publishers × 10 subscribers, each receiving all 10 (200 video streams)|--rooms=2 --publishers=10 --subscribers=10" \
    "broadcast|a broadcast: 1 room × 1 host × 300 viewers on one worker (300 video streams)|--rooms=1 --publishers=1 --subscribers=300 --setup-threads=8"
elif [ "$FEEDBACK" = 1 ]; then
  run_shapes sfu-feedback \
    "no-feedback|4 rooms × 1 publisher × 50 subscribers, no RTCP from the subscribers (as the other runs)|--rooms=4 --publishers=1 --subscribers=50" \
    "feedback|the same load, subscribers sending transport-cc feedback and receiver reports as browsers do|--rooms=4 --publishers=1 --subscribers=50 --feedback"
elif [ "$SILENCE" = 1 ]; then
  run_shapes sfu-silence \
    "meeting-all-audio|meetings of 2 rooms × 10 publishers × 10 subscribers, every microphone's audio forwarded (no audio levels)|--rooms=2 --publishers=10 --subscribers=10" \
    "meeting-one-speaker|the same meetings, one speaker a room and 9 silent microphones (RFC 6464 levels), silence left out|--rooms=2 --publishers=10 --subscribers=10 --speakers=1" \
    "meeting-all-audio-again|the first load again, on the warm worker|--rooms=2 --publishers=10 --subscribers=10"
elif [ "$RELAY" = 1 ]; then
  STEPS="${STEPS:-25,50,100,150}"
  say "broadcast relay: 1 host, viewers $STEPS, an edge per $PER_EDGE viewers, $EDGES edge workers"
  sfu_tool "${COMMON[@]}" --steps="$STEPS" --seconds=20 --warmup=5 --json="$OUT/relay.json" "${EXTRA[@]}" | tee "$OUT/relay.md"
  {
    echo "Measured $(machine_line); this commit's sfu-worker jar (-Xms512m -Xmx512m), 1 + $EDGES workers ($(cpus_note)); room-service opens an edge per $PER_EDGE viewers (\`cpaas.broadcast.viewers-per-edge\`). Load: 1 room × 1 host × the viewers of each step, \`--steps=$STEPS\`."
    echo
    cat "$OUT/relay.md"
  } >"$OUT/relay-results.md"
  write_results sfu-relay "$OUT/relay-results.md"
elif [ "$COMPARE" = 1 ]; then
  STEPS="${STEPS:-10,50,100,200}"
  # Our worker warms up first, unmeasured: its JIT compilers took 6.5 % of a core in the first step's
  # window on a just-started worker, more than its media thread did for 10 subscribers. Janus is C.
  warm_worker
  # Three rounds a step: at 10 subscribers both SFUs use 3-7 % of a core and one run of either differs
  # from the next by more than they differ from each other (2026-12-03: ours 2.8-6.9 %, Janus 4.6-6.1 %).
  say "side by side with Janus: 1 room, 1 publisher, subscribers $STEPS, three rounds a step"
  sfu_tool "${COMMON[@]}" --compare="$STEPS" --rounds=3 --janus-url="http://127.0.0.1:$JANUS_PORT/janus" --janus-pid="$JANUS_PID" \
    --json="$OUT/compare.json" --chart="$ROOT/docs/bench/sfu-cpu-per-stream.png" \
    --chart-note="commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) before" \
    "${EXTRA[@]}" | tee "$OUT/compare.md"
  {
    echo "Measured $(machine_line); $(cpus_note); worker: this commit's sfu-worker jar (-Xms512m -Xmx512m); Janus $(janus --version 2>/dev/null | sed -n 's/^Janus version: [0-9]* (\(.*\))/\1/p') (Debian package, VideoRoom, HTTP API)."
    echo
    cat "$OUT/compare.md"
    echo
    ratio_lines "$OUT/compare.json"
  } >"$OUT/compare-results.md"
  write_results sfu-janus "$OUT/compare-results.md"
else
  # The default load; options given on the command line come later and win. A minute of warm-up: a
  # just-started worker's JIT compilers are busy for minutes with code that runs once a second (timers,
  # signaling), which a worker that has run for a while no longer pays; the report's by-thread row shows
  # what they still took.
  LOAD=(--rooms=4 --publishers=1 --subscribers=50 --seconds=30 --warmup=60 "${EXTRA[@]}")
  say "load: ${LOAD[*]}; $(cpus_note)"
  sfu_tool "${COMMON[@]}" --json="$OUT/load.json" "${LOAD[@]}" | tee "$OUT/load.md"
  if [ "$PROFILE" = 1 ]; then
    sfu_cleanup # the profiler writes its file as the worker exits
    [ -s "$OUT/profile.collapsed" ] || die "the worker left no profile ($OUT/profile.collapsed; log: $OUT/worker.log)"
    java -cp "$STATE/sfu-classes" ProfileSummary "$OUT/profile.collapsed" | tee "$OUT/profile-summary.md"
    say "profile: $OUT/profile.collapsed (collapsed stacks), $OUT/profile-summary.md; the figures above are with the profiler running and are not written to the docs"
    exit 0
  fi
  {
    echo "Measured $(machine_line); this commit's sfu-worker jar (-Xms512m -Xmx512m); $(cpus_note). Load: \`${LOAD[*]}\`."
    echo
    cat "$OUT/load.md"
  } >"$OUT/load-results.md"
  write_results sfu "$OUT/load-results.md"
fi
