#!/usr/bin/env bash
# Benchmark 3, allocation with 10,000 workers and 100,000 live rooms. Leaves the running platform's
# data alone: a database cpaas_bench (dropped and created), seeded by SQL, served by a second
# room-service instance on port 18082 that talks to the running tenant-service and Keycloak. Joins
# to new rooms (each one allocates) at 100/s for 30 s, open loop; plus EXPLAIN ANALYZE of the
# allocation query. The instance is stopped and cpaas_bench dropped at the end, whatever happens.
# Usage: bench/alloc/alloc.sh [--smoke]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH/lib/bench-tenant.sh"
. "$BENCH/lib/bench-instance.sh"

SMOKE=0
[ "${1:-}" = --smoke ] && SMOKE=1
if [ "$SMOKE" = 1 ]; then
  WORKERS=100 ROOMS=1000 RATE=20 SECONDS_=2 WARMUP=0
else
  WORKERS=10000 ROOMS=100000 RATE=100 SECONDS_=30 WARMUP=5
fi
PORT="${CPAAS_BENCH_ALLOC_PORT:-18082}"
DB="${CPAAS_BENCH_ALLOC_DB:-cpaas_bench}"
OUT="$STATE/alloc"
[ "$SMOKE" != 1 ] || OUT="$STATE/smoke/alloc"
mkdir -p "$OUT"

load_platform_env
build_java
ensure_bench_tenant
# CPAAS_POOL_MISSED_HEARTBEATS: the seeded workers never heartbeat; 10^8 missed intervals (6 years)
# keeps them healthy, so the failure detector does not release their rooms mid-run.
bench_instance_start "$PORT" "$DB" "$OUT/room-service.log" CPAAS_POOL_MISSED_HEARTBEATS=100000000

say "seeding $WORKERS workers, $ROOMS rooms and $(( 2 * ROOMS )) participants"
"${BENCH_PSQL[@]}" -d "$DB" -v workers="$WORKERS" -v rooms="$ROOMS" -f "$BENCH/alloc/seed.sql"

wait_for_quiet
say "joins to new rooms: $RATE/s for ${SECONDS_}s after ${WARMUP}s of warm-up (each join allocates)"
room0="$(cpu_ticks "$INSTANCE_PID")" pg0="$(postgres_ticks)" start="$(date +%s)"
java_tool JoinLoad --port="$PORT" --key="$BENCH_KEY" --rate="$RATE" --seconds="$SECONDS_" --warmup="$WARMUP" \
  --room-size=1 --workers=0 --end-rooms=false --latency-log="$OUT/latencies.txt" | tee "$OUT/join.txt"
wall=$(( $(date +%s) - start ))
ROOM_CPU="$(cpu_percent "$(( $(cpu_ticks "$INSTANCE_PID") - room0 ))" "$wall")"
PG_CPU="$(cpu_percent "$(( $(postgres_ticks) - pg0 ))" "$wall")"
LINE="$(grep '^RESULT join ' "$OUT/join.txt" || true)"
smoke_check_result alloc "$LINE"
P99="$(result_field "$LINE" p99)"

say "EXPLAIN ANALYZE of the allocation query, 10 runs"
"${BENCH_PSQL[@]}" -d "$DB" -f "$BENCH/alloc/best-query.sql" >"$OUT/explain.txt"
TIMES="$(sed -n 's/^ *Execution Time: \([0-9.]*\) ms/\1/p' "$OUT/explain.txt" | sort -n)"
EXPLAIN_MEDIAN="$(awk '{ v[NR] = $1 } END { printf "%.2f", (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }' <<<"$TIMES")"
EXPLAIN_MAX="$(tail -1 <<<"$TIMES")"
PLAN="$(awk '/QUERY PLAN/ { n++; buf = ""; next } n { buf = buf $0 "\n" } END { printf "%s", buf }' "$OUT/explain.txt" \
  | grep -v -e '^-*$' -e '^(.* rows)$' | sed 's/^ //')"

cat >"$OUT/results.md" <<MD
Measured $(machine_line); bench instance: $(running_build "$INSTANCE_PID"). Seeded: $WORKERS active workers, $ROOMS active rooms, $(( 2 * ROOMS )) connected participants.

| what | result | target | |
|---|---|---|---|
| POST /v1/rtc/join to a new room (allocates), $RATE/s for ${SECONDS_} s, open loop (after ${WARMUP} s warm-up) | **p99 $P99 ms** (p50 $(result_field "$LINE" p50), p90 $(result_field "$LINE" p90), p99.9 $(result_field "$LINE" p999), max $(result_field "$LINE" max) ms; $(result_field "$LINE" errors) errors of $(result_field "$LINE" sent)) | p99 ≤ 25 ms | $(awk -v v="$P99" 'BEGIN { print (v <= 25) ? "met" : "**missed**" }') |
| allocation query (\`WorkerRepository.best\`), EXPLAIN ANALYZE × 10 | median **$EXPLAIN_MEDIAN ms**, max $EXPLAIN_MAX ms | | |

CPU over the tool run of ${wall} s (token minting, warm-up, timed joins), percent of one core: bench room-service
$ROOM_CPU %, PostgreSQL (all processes, including the platform's) $PG_CPU %, JoinLoad $(result_field "$LINE" loadgen_cpu) % (timed phase).

Plan of the allocation query (last run):

\`\`\`
$PLAN
\`\`\`
MD
cat "$OUT/results.md"
write_results alloc "$OUT/results.md"
