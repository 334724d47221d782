# The bench tenant (sourced; functions only): a tenant of the running platform with limits high
# enough not to be what is measured, and an API key for it. The demo tenant cannot serve: its key is
# limited to 50 requests/s. Created once and reused (bench/.state/bench-tenant.env).

BENCH_TENANT_NAME="bench-control-plane"

_admin_token() {
  curl -sS --fail-with-body "$CPAAS_KEYCLOAK_URL/realms/cpaas/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$CPAAS_ADMIN_USER" --data-urlencode "password=$CPAAS_ADMIN_PASSWORD" | jq -r .access_token
}

# True when BENCH_KEY mints a room token and reads usage. Also the first request of a new
# room-service on that path, which a short (smoke) run should not have to wait for.
_bench_key_works() {
  curl -fsS -o /dev/null --max-time 60 -u "$BENCH_KEY" -H 'Content-Type: application/json' -d '{"identity":"check"}' \
      "$CPAAS_ROOM_URL/v1/rooms/bench-check/tokens" 2>/dev/null \
    && curl -fsS -o /dev/null --max-time 60 -u "$BENCH_KEY" "$CPAAS_ROOM_URL/v1/usage" 2>/dev/null
}

# Sets BENCH_TENANT_ID and BENCH_KEY ("keyId:secret"), kept in FILE (default bench/.state/bench-tenant.env).
ensure_bench_tenant() {
  local file="${1:-$STATE/bench-tenant.env}"
  if [ -f "$file" ]; then
    # shellcheck disable=SC1090
    . "$file"
    _bench_key_works && return 0
  fi
  say "creating the bench tenant and its API key"
  local admin
  admin="$(_admin_token)"
  [ -n "$admin" ] && [ "$admin" != null ] || die "could not log in as $CPAAS_ADMIN_USER"
  BENCH_TENANT_ID="$(curl -sS --fail-with-body -H "Authorization: Bearer $admin" "$CPAAS_TENANT_URL/v1/tenants?limit=200" \
    | jq -r --arg n "$BENCH_TENANT_NAME" '.items[] | select(.name == $n) | .id' | head -1)"
  if [ -z "$BENCH_TENANT_ID" ]; then
    BENCH_TENANT_ID="$(jq -n --arg n "$BENCH_TENANT_NAME" \
      '{name:$n, limits:{maxConcurrentParticipants:1000000, maxRooms:1000000, requestsPerSecondPerKey:100000}}' \
      | curl -sS --fail-with-body -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d @- \
          "$CPAAS_TENANT_URL/v1/tenants" | jq -r .id)"
  fi
  local key
  key="$(curl -sS --fail-with-body -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name":"bench","scopes":["rooms:write","rooms:read","tokens:create","turn:create","usage:read"]}' \
    "$CPAAS_TENANT_URL/v1/tenants/$BENCH_TENANT_ID/api-keys")" || die "could not create the bench API key: $key"
  BENCH_KEY="$(jq -r '.id + ":" + .secret' <<<"$key")"
  printf 'BENCH_TENANT_ID=%s\nBENCH_KEY=%s\n' "$BENCH_TENANT_ID" "$BENCH_KEY" >"$file"
  chmod 600 "$file"
  _bench_key_works || die "the new bench API key does not work at $CPAAS_ROOM_URL"
}
