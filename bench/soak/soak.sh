#!/usr/bin/env bash
# The load soak (issue 10): room-token minting and joins with allocation at the benchmark rates, at
# the same time, for 10 minutes, on a room-service (port 18097) and tenant-service (18098) of its own
# on a throw-away database cpaas_bench_soak (Keycloak: the platform's, or the test one), so that the
# processes measured are known and start fresh. Per minute: requests sent/ok/failed and p50/p99/max of
# each load; each service's old generation after the last GC, heap committed, RSS, threads, open
# files, CPU; the live heap after a forced full GC before and after. A verdict from the numbers.
# Usage: bench/soak/soak.sh [--smoke] [--minutes=N] [--mint-rate=N] [--join-rate=N] [--autovacuum-off-ok]
#        [--request-log] [--help]   (--request-log: each request's due time and latency, bench/.state/soak/requests/)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH/lib/own-services.sh"
. "$BENCH/lib/bench-tenant.sh"

# The benchmarks' own rates (§1 and §2 of docs/benchmarks.md), together: see docs/reliability.md.
SMOKE=0 MINUTES=10 MINT_RATE=2500 JOIN_RATE=200 AUTOVACUUM_OFF_OK=0 REQUEST_LOG=
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --minutes=*) MINUTES="${arg#--minutes=}" ;;
    --mint-rate=*) MINT_RATE="${arg#--mint-rate=}" ;;
    --join-rate=*) JOIN_RATE="${arg#--join-rate=}" ;;
    --autovacuum-off-ok) AUTOVACUUM_OFF_OK=1 ;;
    --request-log) REQUEST_LOG=1 ;;
    --help|-h) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done
# Every join's token is minted before the load and lives an hour: a soak fits in about 45 minutes.
[[ "$MINUTES" =~ ^[0-9]+$ ]] && [ "$MINUTES" -ge 2 ] && [ "$MINUTES" -le 45 ] || die "--minutes must be 2 to 45"
if [ "$SMOKE" = 1 ]; then
  # About 20 s of load: three windows of 6 s after 2 s of warm-up, at a tenth of the rates.
  WINDOWS=3 WINDOW_SECONDS=6 WARMUP=2 MINT_RATE=250 JOIN_RATE=20 WORKERS=1
else
  # The warm-up lasts until the load's steady state: the joined participants never connect, so
  # rooms pile up until the first reach their empty timeout (300 s by default) and the reaper ends
  # as many as the load opens. Measured from then on, the halves compare like with like.
  WINDOWS="$MINUTES" WINDOW_SECONDS=60 WARMUP=330 WORKERS=4
fi
ROOM_PORT="${CPAAS_BENCH_SOAK_ROOM_PORT:-18097}"
TENANT_PORT="${CPAAS_BENCH_SOAK_TENANT_PORT:-18098}"
DB="${CPAAS_BENCH_SOAK_DB:-cpaas_bench_soak}"
RELIABILITY="$ROOT/docs/reliability.md"
OUT="$STATE/soak"
[ "$SMOKE" != 1 ] || OUT="$STATE/smoke/soak"
mkdir -p "$OUT"
rm -f "$OUT/bench-tenant.env" "$OUT/soak.json" "$OUT/table.md"
rm -rf "$OUT/requests"
[ -z "$REQUEST_LOG" ] || REQUEST_LOG="$OUT/requests"

# Every ended room and closed participant leaves a dead row that the per-join counts and the
# reaper's scan read again until a vacuum removes it. Without autovacuum the soak measures that pile
# growing, not the platform: the later windows slowed to p99 of 20 s on a server with it off.
AUTOVACUUM="$("${OWN_PSQL[@]}" -d postgres -Atc 'show autovacuum')" || die "cannot reach PostgreSQL at 127.0.0.1:5432"
if [ "$AUTOVACUUM" != on ] && [ "$SMOKE" != 1 ] && [ "$AUTOVACUUM_OFF_OK" != 1 ]; then
  die "PostgreSQL's autovacuum is $AUTOVACUUM here: dead rows would pile up and the soak would measure that. Turn it on
  (psql -U postgres -c 'alter system set autovacuum = on' -c 'select pg_reload_conf()'), or pass --autovacuum-off-ok to measure anyway"
fi

trap own_services_stop EXIT
own_keycloak
build_java
own_services_start "$ROOM_PORT" "$TENANT_PORT" "$DB" "$OUT"
# The processes that listen: what /proc and jcmd must look at.
ROOM_JVM="$(pid_on_port "$ROOM_PORT")" TENANT_JVM="$(pid_on_port "$TENANT_PORT")"
[ -n "$ROOM_JVM" ] && [ -n "$TENANT_JVM" ] || die "cannot tell which processes listen on $ROOM_PORT and $TENANT_PORT"
# ensure_bench_tenant works on the platform's URLs: point them at our own services.
CPAAS_ROOM_URL="$ROOM_URL" CPAAS_TENANT_URL="$TENANT_URL" CPAAS_KEYCLOAK_URL="$KC_URL"
CPAAS_ADMIN_USER="$PLATFORM_USER" CPAAS_ADMIN_PASSWORD="$PLATFORM_PASSWORD"
ensure_bench_tenant "$OUT/bench-tenant.env"

wait_for_quiet
say "soak: minting $MINT_RATE/s and joins $JOIN_RATE/s (rooms of 4, $WORKERS simulated workers) for $WINDOWS windows of ${WINDOW_SECONDS} s after ${WARMUP} s of warm-up"
# The tool bounds each window (FixedRate stops 10 s after its end) and its set-up and clean-up (5
# minutes each); this bounds the whole, with TERM so that its workers still deregister.
timeout "$(( WARMUP + WINDOWS * (WINDOW_SECONDS + 15) + 900 ))" java -Xmx768m -cp "$STATE/classes" SoakLoad --port="$ROOM_PORT" --key="$BENCH_KEY" --cluster-secret="$CLUSTER_SECRET" \
  --mint-rate="$MINT_RATE" --join-rate="$JOIN_RATE" --windows="$WINDOWS" --window-seconds="$WINDOW_SECONDS" \
  --warmup="$WARMUP" --workers="$WORKERS" --request-log="$REQUEST_LOG" \
  --services="room-service:$ROOM_JVM:$ROOM_PORT,tenant-service:$TENANT_JVM:$TENANT_PORT" \
  --markdown="$OUT/table.md" --json="$OUT/soak.json" | tee "$OUT/soak.txt"
LINE="$(grep '^RESULT soak ' "$OUT/soak.txt")" || die "the soak tool did not finish (see $OUT/soak.txt)"
FAILED="$(result_field "$LINE" failed)" UNSENT="$(result_field "$LINE" unsent)" STEADY="$(result_field "$LINE" steady)"
say "JSON: ${OUT#"$ROOT"/}/soak.json"

if [ "$SMOKE" = 1 ]; then
  # The smoke checks that the tools work: every request answered, every sample read. Its verdict
  # over windows of 6 s at a tenth of the rates means nothing and is not judged.
  [ "$FAILED" = 0 ] && [ "$UNSENT" = 0 ] || die "smoke: $FAILED requests failed, $UNSENT not sent in time (see $OUT/soak.txt)"
  say "smoke passed (verdict not judged on 6-s windows: steady=$STEADY)"
  exit 0
fi

cat >"$OUT/results.md" <<MD
Measured $(machine_line); command \`bench/run.sh soak --minutes=$MINUTES --mint-rate=$MINT_RATE --join-rate=$JOIN_RATE\`; room-service and tenant-service
started by the soak from this commit's jars (\`-Xmx512m\`, G1) on a fresh database (PostgreSQL's autovacuum $AUTOVACUUM), $WORKERS simulated workers heartbeating
every second. JSON: \`bench/.state/soak/soak.json\`.

$(cat "$OUT/table.md")
MD
write_results soak "$OUT/results.md" "$RELIABILITY"
[ "$STEADY" = true ] || die "the soak's verdict: not steady (see the table above)"
