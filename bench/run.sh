#!/usr/bin/env bash
# Runs the benchmarks against the platform started by deploy/local/up.sh (the control-plane ones of
# room-service, and the SFU forwarding ones) and writes their results into docs/benchmarks.md.
# See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'TXT'
Usage: bench/run.sh [--smoke] [mint|join|alloc|usage|console|sfu|sfu-janus|sfu-shapes|sfu-silence|sfu-feedback|sfu-relay|jmh ...]
       bench/run.sh console --help
       bench/run.sh [--smoke] soak [--minutes=N] [--mint-rate=N] [--join-rate=N]   (bench/run.sh soak --help)
       bench/run.sh [--smoke] sfu|sfu-janus|sfu-shapes|sfu-silence|sfu-feedback|sfu-relay [load tool options ...]   (bench/run.sh sfu --help)
       bench/run.sh sfu --profile [load tool options ...]   (async-profiler in the worker; writes nothing)

Benchmarks against the platform started by deploy/local/up.sh. With no names it runs all seven, in
this order:

  mint    room-token minting: wrk max throughput, Keycloak's client-credentials grant with the
          same settings as the reference, p99 at a fixed half-maximum rate     (~2 min)
  join    POST /v1/rtc/join with allocation: p99 at 200 joins/s for 30 s         (~1 min)
  alloc   allocation with 10,000 workers and 100,000 rooms, on a second
          room-service instance and a throw-away database cpaas_bench            (~2 min)
  usage   usage and session-history queries for a tenant with 1,000,000
          participant sessions, on a second instance and database cpaas_bench_usage (~4 min)
  console the tenant console's pages (usage by day for 30 days and a year, by hour, CSV,
          live rooms, webhooks, keys, team) and the room-service endpoints behind them,
          for a tenant with a year of history, on a tenant-service and room-service of
          its own (database cpaas_bench_console); needs only Keycloak          (~4 min)
  sfu     SFU forwarding: simulated publishers and subscribers (bench/sfu) through the
          real join flow, signaling, ICE, DTLS-SRTP, on a worker and room-service of
          its own (database cpaas_bench_sfu); default 4 rooms x 1 publisher x 50
          subscribers for 30 s after a minute of warm-up; other loads with the
          tool's options                                                  (~4 min)
  sfu-janus  the same one-room load against our worker (warmed a minute first) and
          Janus's VideoRoom (installed from Debian's packages when missing), 10, 50,
          100 and 200 subscribers, three rounds a step (the median shown, every
          round's CPU per stream and loss listed); CPU per stream and loss of
          both, a chart in docs/bench/                                    (~22 min)
  sfu-shapes  three room shapes on our worker (not in the default list), warmed a
          minute first: audio-only rooms, meetings where everyone's video goes to
          everyone, a 300-viewer broadcast; loss, CPU and memory per stream, the
          worker's own latency                                            (~9 min)
  sfu-silence  one meeting shape three times (not in the default list): 2 rooms × 10
          publishers × 10 subscribers with every microphone's audio forwarded, then
          with one speaker a room and 9 silent microphones, whose silence the worker
          leaves out, then the first again; what that saves in packets and CPU (~5 min)
  sfu-feedback  the default load twice (not in the default list): subscribers silent on
          RTCP as in the other runs, then sending transport-cc feedback every 100 ms
          and a receiver report each second, as browsers do; what feedback costs (~4 min)
  sfu-relay  a broadcast over several workers (not in the default list): an origin and
          3 edge workers, an edge per 50 viewers, 1 host and 25, 50, 100, 150 viewers;
          what the origin sends (relayed once per edge) against what the edges send,
          CPU of each worker, loss and latency through the relay      (~6 min)
  jmh     JMH microbenchmarks of the worker's media path (not in the default list;
          needs no platform): SRTP protect and unprotect per packet, both profiles,
          1,000- and 100-byte payloads, on the default Java and on the newest
          Java >= 21 under /usr/lib/jvm, with the bytes allocated per packet  (~6 min)
  soak    the load soak (not in the default list): minting at 2,500/s and joins
          with allocation at 200/s at the same time for --minutes=N (default 10),
          on a room-service and tenant-service of its own (database cpaas_bench_soak;
          needs only Keycloak); per minute latencies, failures, heap after GC, RSS,
          threads and open files of both services, and a verdict; results into
          docs/reliability.md ("Load soak")                                (~12 min)

Results replace the marked blocks in docs/benchmarks.md (soak: docs/reliability.md); the rest of
the page is left alone.
Each benchmark first waits (at most 5 minutes) for the load average to fall below 0.7.

  --smoke   a few seconds of each, only to check that the tools work; writes nothing to the docs
  --help    this text
TXT
}

SMOKE=()
NAMES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --smoke) SMOKE=(--smoke) ;;
    mint|join|alloc|usage|jmh) NAMES+=("$1") ;;
    console)
      case "${2:-}" in --help|-h) exec ./console/console.sh --help ;; esac
      NAMES+=("$1") ;;
    sfu|sfu-janus|sfu-shapes|sfu-silence|sfu-feedback|sfu-relay)
      # The SFU benchmark takes the load tool's options after its name.
      name="$1"
      shift
      if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
        usage
        echo
        sed -n '2,/^# Usage:/{/^# Usage:/!p}' sfu/sfu.sh | sed 's/^# \{0,1\}//'
        echo
        . lib/common.sh && . sfu/lib.sh && build_sfu_tool && sfu_tool --help
        exit 0
      fi
      [ ${#NAMES[@]} -eq 0 ] || { echo "put sfu, sfu-janus, sfu-shapes, sfu-silence, sfu-feedback or sfu-relay last: the options after it are the load tool's" >&2; exit 2; }
      [ "$name" != sfu-janus ] || set -- --compare "$@"
      [ "$name" != sfu-shapes ] || set -- --shapes "$@"
      [ "$name" != sfu-silence ] || set -- --silence "$@"
      [ "$name" != sfu-feedback ] || set -- --feedback-cost "$@"
      [ "$name" != sfu-relay ] || set -- --relay "$@"
      exec ./sfu/sfu.sh "${SMOKE[@]}" "$@" ;;
    soak)
      # The soak takes its own options after its name.
      shift
      [ ${#NAMES[@]} -eq 0 ] || { echo "run soak on its own: the options after it are the soak's" >&2; exit 2; }
      exec ./soak/soak.sh "${SMOKE[@]}" "$@" ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
[ ${#NAMES[@]} -gt 0 ] || NAMES=(mint join alloc usage console sfu sfu-janus)

for name in "${NAMES[@]}"; do
  case "$name" in
    sfu) ./sfu/sfu.sh "${SMOKE[@]}" ;;
    sfu-janus) ./sfu/sfu.sh "${SMOKE[@]}" --compare ;;
    jmh) ./jmh/jmh.sh "${SMOKE[@]}" ;;
    *) "./$name/$name.sh" "${SMOKE[@]}" ;;
  esac
done
