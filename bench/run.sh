#!/usr/bin/env bash
# Runs the control-plane benchmarks of room-service against the platform started by
# deploy/local/up.sh and writes their results into docs/benchmarks.md. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'TXT'
Usage: bench/run.sh [--smoke] [mint|join|alloc|usage ...]

Control-plane benchmarks of room-service, against the platform started by deploy/local/up.sh.
With no names it runs all four, in this order:

  mint    room-token minting: wrk max throughput, Keycloak's client-credentials grant with the
          same settings as the reference, p99 at a fixed half-maximum rate     (~2 min)
  join    POST /v1/rtc/join with allocation: p99 at 200 joins/s for 30 s         (~1 min)
  alloc   allocation with 10,000 workers and 100,000 rooms, on a second
          room-service instance and a throw-away database cpaas_bench            (~2 min)
  usage   usage and session-history queries for a tenant with 1,000,000
          participant sessions, on a second instance and database cpaas_bench_usage (~4 min)

Results replace the marked blocks in docs/benchmarks.md; the rest of that page is left alone.
Each benchmark first waits (at most 5 minutes) for the load average to fall below 0.7.

  --smoke   a few seconds of each, only to check that the tools work; writes nothing to the docs
  --help    this text
TXT
}

SMOKE=()
NAMES=()
for arg in "$@"; do
  case "$arg" in
    --help|-h) usage; exit 0 ;;
    --smoke) SMOKE=(--smoke) ;;
    mint|join|alloc|usage) NAMES+=("$arg") ;;
    *) usage >&2; exit 2 ;;
  esac
done
[ ${#NAMES[@]} -gt 0 ] || NAMES=(mint join alloc usage)

for name in "${NAMES[@]}"; do
  "./$name/$name.sh" "${SMOKE[@]}"
done
