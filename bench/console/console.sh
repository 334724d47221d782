#!/usr/bin/env bash
# Benchmark 5, the tenant console's server time with a tenant that has a year of usage. Starts its
# own room-service (port 18085) and tenant-service (port 18086) on a throw-away database
# cpaas_bench_console, signing in through the platform's Keycloak (or the test Keycloak of
# deploy/local/test.sh when no platform runs); seeds a year of the tenant's history by SQL; then
# times every console page and the room-service endpoint behind it, one request at a time after a
# warm-up (java/ConsolePages.java). Both instances, the database and the Keycloak user are removed
# at the end, whatever happens.
# Usage: bench/console/console.sh [--smoke] [--help]; CONSOLE_REQUESTS=N (default 200), BENCH_QUIET_WAIT=s
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH/lib/own-services.sh"

SMOKE=0
case "${1:-}" in
  --smoke) SMOKE=1 ;;
  --help|-h) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if [ "$SMOKE" = 1 ]; then
  DAYS=20 ROOMS_PER_DAY=20 PER_ROOM=4 LIVE_ROOMS=3 REQUESTS=5 WARMUP=1
else
  DAYS=365 ROOMS_PER_DAY=200 PER_ROOM=8 LIVE_ROOMS=20 REQUESTS="${CONSOLE_REQUESTS:-200}" WARMUP=20
fi
ROOM_PORT="${CPAAS_BENCH_CONSOLE_ROOM_PORT:-18085}"
TENANT_PORT="${CPAAS_BENCH_CONSOLE_TENANT_PORT:-18086}"
DB="${CPAAS_BENCH_CONSOLE_DB:-cpaas_bench_console}"
OUT="$STATE/console"
[ "$SMOKE" != 1 ] || OUT="$STATE/smoke/console"
mkdir -p "$OUT"
PSQL=("${OWN_PSQL[@]}")
CONSOLE="http://127.0.0.1:$TENANT_PORT"
ROOM="http://127.0.0.1:$ROOM_PORT"

KC_USER_ID=""
cleanup() {
  [ -z "$KC_USER_ID" ] || curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $(master_token)" \
    "$KC_URL/admin/realms/cpaas/users/$KC_USER_ID" || true
  own_services_stop
}
trap cleanup EXIT

own_keycloak
build_java
# The seeded worker never heartbeats: 10^8 missed intervals keeps it (and its live rooms) in place.
own_services_start "$ROOM_PORT" "$TENANT_PORT" "$DB" "$OUT" CPAAS_POOL_MISSED_HEARTBEATS=100000000 CPAAS_WEBHOOKS_ENABLED=false

say "the bench tenant, 10 API keys, a webhook URL and its console admin"
ADMIN="Authorization: Bearer $(token cpaas "$PLATFORM_USER" "$PLATFORM_PASSWORD")"
TENANT_ID="$(curl -sS --fail-with-body -H "$ADMIN" -H 'Content-Type: application/json' -d '{"name":"Console bench"}' \
  "$CONSOLE/v1/tenants" | jq -r .id)"
for i in $(seq 1 10); do
  curl -sS --fail-with-body -o /dev/null -H "$ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"backend $i\",\"scopes\":[\"rooms:write\",\"tokens:create\",\"usage:read\"]}" "$CONSOLE/v1/tenants/$TENANT_ID/api-keys"
done
curl -sS --fail-with-body -o /dev/null -X PUT -H "$ADMIN" -H 'Content-Type: application/json' \
  -d '{"url":"https://hooks.example.com/cpaas"}' "$CONSOLE/v1/tenants/$TENANT_ID/webhook"
USER_NAME="bench-console-$(tr '_' '-' <<<"$TENANT_ID")"
USER_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
kc POST /users "$(jq -n --arg u "$USER_NAME" --arg p "$USER_PASSWORD" --arg t "$TENANT_ID" \
  '{username:$u, enabled:true, attributes:{tenant:[$t]}, credentials:[{type:"password", value:$p, temporary:false}]}')" >/dev/null
KC_USER_ID="$(kc GET "/users?exact=true&username=$USER_NAME" | jq -r '.[0].id')"
kc POST "/users/$KC_USER_ID/role-mappings/realm" "[$(kc GET /roles/tenant-admin)]" >/dev/null

say "seeding $DAYS days: $(( DAYS * ROOMS_PER_DAY )) room sessions, $(( DAYS * ROOMS_PER_DAY * PER_ROOM )) participant sessions"
seed_start="$(date +%s)"
"${PSQL[@]}" -d "$DB" -v tenant="$TENANT_ID" -v days="$DAYS" -v rooms_per_day="$ROOMS_PER_DAY" -v per_room="$PER_ROOM" \
  -v live_rooms="$LIVE_ROOMS" -f "$BENCH/console/seed.sql"
COUNTS="$("${PSQL[@]}" -d "$DB" -At -F ' ' -c "select (select count(*) from room.rooms), (select count(*) from room.participants),
  (select count(*) from room.usage_hourly), (select count(*) from room.webhook_deliveries), (select count(*) from room.webhook_attempts)")"
read -r N_ROOMS N_PARTICIPANTS N_HOURS N_DELIVERIES N_ATTEMPTS <<<"$COUNTS"
say "seeded in $(( $(date +%s) - seed_start )) s: $COUNTS (rooms, participants, usage hours, deliveries, attempts)"

T="/console/tenants/$TENANT_ID"
I="/internal/v1/console/tenants/$TENANT_ID"
today="$(date -u '+%Y-%m-%d')"
year_ago="$(date -u -d '364 days ago' '+%Y-%m-%d')"
month_ago="$(date -u -d '29 days ago' '+%Y-%m-%d')"
tomorrow="$(date -u -d 'tomorrow' '+%Y-%m-%d')"
DELIVERY="$("${PSQL[@]}" -d "$DB" -At -c "select id from room.webhook_deliveries where state = 'failed' order by seq desc limit 1")"
cat >"$OUT/targets.txt" <<TXT
usage-30d $CONSOLE$T/usage
usage-30d.internal $ROOM$I/usage?from=$month_ago&to=$tomorrow&granularity=day
usage-year $CONSOLE$T/usage?from=$year_ago&to=$today&granularity=day
usage-year.internal $ROOM$I/usage?from=$year_ago&to=$tomorrow&granularity=day
usage-hourly-30d $CONSOLE$T/usage?from=$month_ago&to=$today&granularity=hour
usage-hourly-30d.internal $ROOM$I/usage?from=$month_ago&to=$tomorrow&granularity=hour
csv-year $CONSOLE$T/usage.csv?from=$year_ago&to=$today&granularity=day
rooms $CONSOLE$T/rooms
rooms.internal $ROOM$I/rooms
room $CONSOLE$T/rooms/live-1
room.internal $ROOM$I/rooms/live-1
webhooks $CONSOLE$T/webhooks
webhooks.internal $ROOM$I/webhooks/deliveries?limit=50
webhooks-failed $CONSOLE$T/webhooks?state=failed
webhooks-failed.internal $ROOM$I/webhooks/deliveries?state=failed&limit=50
delivery $CONSOLE$T/webhooks/deliveries/$DELIVERY
delivery.internal $ROOM$I/webhooks/deliveries/$DELIVERY
keys $CONSOLE$T/keys
team $CONSOLE$T/team
TXT

wait_for_quiet
say "timing $(wc -l <"$OUT/targets.txt") pages and endpoints: $REQUESTS requests each, one at a time, after $WARMUP"
java_tool ConsolePages --console="$CONSOLE" --user="$USER_NAME" --password="$USER_PASSWORD" --cluster-secret="$CLUSTER_SECRET" \
  --requests="$REQUESTS" --warmup="$WARMUP" --targets="$OUT/targets.txt" | tee "$OUT/times.txt"
! grep -q ' errors=[1-9]' "$OUT/times.txt" || die "console: some requests failed (see $OUT/times.txt)"
[ "$(grep -c '^RESULT ' "$OUT/times.txt")" = "$(wc -l <"$OUT/targets.txt")" ] \
  || die "console: not every page was timed (see $OUT/times.txt)"
while read -r line; do smoke_check_result console "$line"; done < <(grep '^RESULT ' "$OUT/times.txt")

describe() {
  case "$1" in
    usage-30d) echo "Usage, default range (last 30 days by day)" ;;
    usage-year) echo "Usage, a full year by day (365 buckets)" ;;
    usage-hourly-30d) echo "Usage, 30 days by hour (720 buckets)" ;;
    csv-year) echo "Export CSV, a full year by day" ;;
    rooms) echo "Live rooms ($LIVE_ROOMS rooms, 5 participants each)" ;;
    room) echo "A live room's page (its worker unreachable: says so)" ;;
    webhooks) echo "Webhooks: settings and the last 50 deliveries" ;;
    webhooks-failed) echo "Webhooks: the failed deliveries only" ;;
    delivery) echo "A delivery with its attempts" ;;
    keys) echo "API keys (11)" ;;
    team) echo "Team (reads Keycloak's admin API)" ;;
  esac
}
ms() { result_field "$1" "$2"; }
rows() {
  local line name internal
  while read -r line; do
    name="$(cut -d' ' -f2 <<<"$line")"
    [[ "$name" == *.internal ]] && continue
    internal="$(grep "^RESULT $name.internal " "$OUT/times.txt" || true)"
    printf '| %s | %s / %s / **%s** / %s | %s | %s |\n' "$(describe "$name")" "$(ms "$line" p50)" "$(ms "$line" p95)" \
      "$(ms "$line" p99)" "$(ms "$line" max)" \
      "$([ -z "$internal" ] && echo "—" || echo "$(ms "$internal" p50) / $(ms "$internal" p95) / $(ms "$internal" p99)")" \
      "$(awk -v v="$(ms "$line" p99)" 'BEGIN { print (v <= 300) ? "met" : "**missed**" }')"
  done < <(grep '^RESULT ' "$OUT/times.txt")
}

cat >"$OUT/results.md" <<MD
Measured $(machine_line); command \`bench/run.sh console\`. Seeded for one tenant: $N_ROOMS room sessions over
$DAYS days ($ROOMS_PER_DAY a day, $PER_ROOM participant sessions each: $N_PARTICIPANTS participant rows), $N_HOURS hours of the
usage ledger, $N_DELIVERIES webhook deliveries of the last 7 days (the retention) with $N_ATTEMPTS attempts, $LIVE_ROOMS live rooms.
Each line: $REQUESTS requests one at a time after $WARMUP not measured, signed in through Keycloak's login form; times in ms
from sending the request to the last byte of the answer, on 127.0.0.1.

| page | console page p50 / p95 / **p99** / max | room-service endpoint behind it p50 / p95 / p99 | target p99 ≤ 300 ms |
|---|---|---|---|
$(rows)
MD
cat "$OUT/results.md"
write_results console "$OUT/results.md"
