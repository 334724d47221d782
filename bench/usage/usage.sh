#!/usr/bin/env bash
# Benchmark 4, usage and session history for a tenant with a million participant sessions. Leaves
# the running platform's data alone: a database cpaas_bench_usage (dropped and created) seeded by
# SQL with a year of history for the bench tenant, served by a second room-service instance on port
# 18083 that talks to the running tenant-service and Keycloak. Each query runs open loop at a fixed
# rate; the instance is stopped and the database dropped at the end, whatever happens.
# Usage: bench/usage/usage.sh [--smoke]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH/lib/bench-tenant.sh"
. "$BENCH/lib/bench-instance.sh"

SMOKE=0
[ "${1:-}" = --smoke ] && SMOKE=1
if [ "$SMOKE" = 1 ]; then
  ROOMS=500 PER_ROOM=20 RATE=10 SECONDS_=2 WARMUP=0
else
  ROOMS=50000 PER_ROOM=20 RATE=50 SECONDS_=20 WARMUP=5
fi
PORT="${CPAAS_BENCH_USAGE_PORT:-18083}"
DB="${CPAAS_BENCH_USAGE_DB:-cpaas_bench_usage}"
OUT="$STATE/usage"
[ "$SMOKE" != 1 ] || OUT="$STATE/smoke/usage"
mkdir -p "$OUT"

load_platform_env
build_java
ensure_bench_tenant
bench_instance_start "$PORT" "$DB" "$OUT/room-service.log"

SESSIONS=$(( ROOMS * PER_ROOM ))
say "seeding a year of history: $ROOMS room sessions, $SESSIONS participant sessions (about $(( SESSIONS / 250000 + 1 )) min)"
seed_start="$(date +%s)"
"${BENCH_PSQL[@]}" -d "$DB" -v tenant="$BENCH_TENANT_ID" -v rooms="$ROOMS" -v per_room="$PER_ROOM" -f "$BENCH/usage/seed.sql"
say "seeded in $(( $(date +%s) - seed_start )) s; $( "${BENCH_PSQL[@]}" -d "$DB" -At -c "select count(*) from room.participants") participant rows"

year_ago="$(date -u -d '365 days ago' '+%Y-%m-%d')"
month_ago="$(date -u -d '30 days ago' '+%Y-%m-%dT%H:00:00Z')"
echo "/v1/usage?granularity=day&from=$year_ago" >"$OUT/usage-year.paths"
echo "/v1/usage?granularity=hour&from=$month_ago" >"$OUT/usage-month.paths"
seq 0 199 | sed 's|^|/v1/rooms/history-|; s|$|/sessions?limit=20|' >"$OUT/sessions.paths"
seq 1 "$(( ROOMS / 200 ))" "$ROOMS" | awk '{ printf "/v1/rooms/history-%d/sessions/rm_hist%d/participants?limit=50\n", $1 % 200, $1 }' \
  >"$OUT/participants.paths"

wait_for_quiet
RESULTS=()
room0="$(cpu_ticks "$INSTANCE_PID")" pg0="$(postgres_ticks)" start="$(date +%s)"
for query in usage-year usage-month sessions participants; do
  say "$query: $RATE/s for ${SECONDS_}s after ${WARMUP}s of warm-up"
  java_tool QueryLoad --port="$PORT" --key="$BENCH_KEY" --rate="$RATE" --seconds="$SECONDS_" --warmup="$WARMUP" --name="$query" \
    --paths="$OUT/$query.paths" | tee "$OUT/$query.txt"
  RESULTS+=("$(grep "^RESULT $query " "$OUT/$query.txt" || true)")
  smoke_check_result "usage ($query)" "${RESULTS[-1]}"
done
wall=$(( $(date +%s) - start ))
ROOM_CPU="$(cpu_percent "$(( $(cpu_ticks "$INSTANCE_PID") - room0 ))" "$wall")"
PG_CPU="$(cpu_percent "$(( $(postgres_ticks) - pg0 ))" "$wall")"

row() {
  local what="$1" line="$2" p99
  p99="$(result_field "$line" p99)"
  printf '| %s | **p99 %s ms** (p50 %s, p90 %s, max %s ms; %s errors of %s) | p99 ≤ 100 ms | %s |\n' "$what" "$p99" \
    "$(result_field "$line" p50)" "$(result_field "$line" p90)" "$(result_field "$line" max)" \
    "$(result_field "$line" errors)" "$(result_field "$line" sent)" \
    "$(awk -v v="$p99" 'BEGIN { print (v <= 100) ? "met" : "**missed**" }')"
}

cat >"$OUT/results.md" <<MD
Measured $(machine_line); bench instance: $(running_build "$INSTANCE_PID"). Seeded for one tenant: $ROOMS room
sessions over 200 room names and a year, $SESSIONS participant sessions with a published track each, and the hourly
ledger. Each query: $RATE requests/s for ${SECONDS_} s, open loop, 8 connections, after ${WARMUP} s at that rate not measured.

| query | result | target | |
|---|---|---|---|
$(row "\`GET /v1/usage?granularity=day\` over a year (366 buckets)" "${RESULTS[0]}")
$(row "\`GET /v1/usage?granularity=hour\` over 30 days (720 buckets)" "${RESULTS[1]}")
$(row "\`GET /v1/rooms/{room}/sessions?limit=20\` (250 sessions a name, totals of 20 participants each)" "${RESULTS[2]}")
$(row "\`GET /v1/rooms/{room}/sessions/{sid}/participants?limit=50\`" "${RESULTS[3]}")

CPU over the ${wall} s of queries (warm-ups included), percent of one core: bench room-service $ROOM_CPU %, PostgreSQL (all processes) $PG_CPU %.
MD
cat "$OUT/results.md"
write_results usage "$OUT/results.md"
