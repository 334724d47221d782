#!/usr/bin/env bash
# Benchmark 2, POST /v1/rtc/join with allocation on the running platform: 200 joins/s for 30 s, open
# loop, rooms of 4 (a quarter of the joins create a room and allocate a worker), against 4 simulated
# workers registered and heartbeated by the tool. The rooms are ended afterwards.
# Usage: bench/join/join.sh [--smoke]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH/lib/bench-tenant.sh"

SMOKE=0
[ "${1:-}" = --smoke ] && SMOKE=1
if [ "$SMOKE" = 1 ]; then
  RATE=20 SECONDS_=2 WARMUP=0 WORKERS=1
else
  RATE=200 SECONDS_=30 WARMUP=5 WORKERS=4
fi
ROOM_SIZE=4

load_platform_env
build_java
ensure_bench_tenant
ROOM_PORT="${CPAAS_ROOM_URL##*:}"
ROOM_PID="$(pid_on_port "$ROOM_PORT")"
OUT="$STATE/join"
[ "$SMOKE" != 1 ] || OUT="$STATE/smoke/join"
mkdir -p "$OUT"

wait_for_quiet
say "joins: $RATE/s for ${SECONDS_}s after ${WARMUP}s of warm-up, rooms of $ROOM_SIZE, $WORKERS simulated workers"
room0="$(cpu_ticks "$ROOM_PID")" pg0="$(postgres_ticks)" start="$(date +%s)"
java_tool JoinLoad --port="$ROOM_PORT" --key="$BENCH_KEY" --cluster-secret="$CPAAS_CLUSTER_SECRET" \
  --rate="$RATE" --seconds="$SECONDS_" --warmup="$WARMUP" --room-size="$ROOM_SIZE" --workers="$WORKERS" \
  --latency-log="$OUT/latencies.txt" \
  | tee "$OUT/join.txt"
# CPU over the whole tool run (minting, warm-up, timed joins, clean-up): an upper bound for the joins.
wall=$(( $(date +%s) - start ))
ROOM_CPU="$(cpu_percent "$(( $(cpu_ticks "$ROOM_PID") - room0 ))" "$wall")"
PG_CPU="$(cpu_percent "$(( $(postgres_ticks) - pg0 ))" "$wall")"
LINE="$(grep '^RESULT join ' "$OUT/join.txt" || true)"
smoke_check_result join "$LINE"
# Real SFU workers registered by up.sh compete for the rooms; count where the joins went.
RUN="$(sed -n 's/^run \([^:]*\):.*/\1/p' "$OUT/join.txt")"
PLACED="$(psql -X -At -h 127.0.0.1 -U postgres -d "$CPAAS_DB_NAME" -c "select count(*) filter (where p.worker_id like '$RUN-w%'),
  count(*) filter (where p.worker_id not like '$RUN-w%') from room.participants p join room.rooms r on r.id = p.room_id
  where r.tenant_id = '$BENCH_TENANT_ID' and r.name like '$RUN-r%'")"
P99="$(result_field "$LINE" p99)"

cat >"$OUT/results.md" <<MD
Measured $(machine_line); $(running_build "$ROOM_PID").

| what | result | target | |
|---|---|---|---|
| POST /v1/rtc/join, $RATE/s for ${SECONDS_} s, open loop (after ${WARMUP} s warm-up) | **p99 $P99 ms** (p50 $(result_field "$LINE" p50), p90 $(result_field "$LINE" p90), p99.9 $(result_field "$LINE" p999), max $(result_field "$LINE" max) ms; $(result_field "$LINE" errors) errors of $(result_field "$LINE" sent), achieved $(result_field "$LINE" rate)/s) | p99 ≤ 25 ms at 200/s | $(awk -v v="$P99" 'BEGIN { print (v <= 25) ? "met" : "**missed**" }') |

Joins of the run (warm-up included) placed on the simulated workers: ${PLACED%|*}; on other (real SFU) workers: ${PLACED#*|}.
CPU over the whole tool run of ${wall} s (token pre-minting, warm-up, timed joins, ending the rooms), percent of one core:
room-service $ROOM_CPU %, PostgreSQL (all processes) $PG_CPU %, JoinLoad $(result_field "$LINE" loadgen_cpu) % (timed phase only).
MD
cat "$OUT/results.md"
write_results join "$OUT/results.md"
