# Seeds the demo tenant, its console user and an API key, idempotently (sourced; functions only).
# Sets DEMO_TENANT_ID, DEMO_KEY_ID and DEMO_KEY_SECRET.

_token() {
  local keycloak="$1" realm="$2" user="$3" password="$4"
  curl -sS --fail-with-body "$keycloak/realms/$realm/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$user" --data-urlencode "password=$password" | jq -r .access_token
}

seed_demo_tenant() {
  local keycloak="$1" tenant_url="$2" previous_credentials="$3"
  local admin_token master_token
  admin_token="$(_token "$keycloak" cpaas "$CPAAS_ADMIN_USER" "$CPAAS_ADMIN_PASSWORD")"

  DEMO_TENANT_ID="$(curl -sS --fail-with-body -H "Authorization: Bearer $admin_token" "$tenant_url/v1/tenants?limit=200" \
    | jq -r '.items[] | select(.name == "Demo") | .id' | head -1)"
  if [ -z "$DEMO_TENANT_ID" ]; then
    DEMO_TENANT_ID="$(curl -sS --fail-with-body -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
      -d '{"name":"Demo"}' "$tenant_url/v1/tenants" | jq -r .id)"
  fi

  master_token="$(_token "$keycloak" master "$KC_BOOTSTRAP_ADMIN_USERNAME" "$KC_BOOTSTRAP_ADMIN_PASSWORD")"
  local users="$keycloak/admin/realms/cpaas/users"
  if [ "$(curl -sS --fail-with-body -H "Authorization: Bearer $master_token" "$users?exact=true&username=$CPAAS_DEMO_USER" | jq length)" = "0" ]; then
    jq -n --arg u "$CPAAS_DEMO_USER" --arg p "$CPAAS_DEMO_PASSWORD" --arg t "$DEMO_TENANT_ID" \
      '{username:$u, enabled:true, firstName:"Demo", lastName:"User", email:($u+"@demo.invalid"), emailVerified:true,
        attributes:{tenant:[$t]}, credentials:[{type:"password", value:$p, temporary:false}]}' \
      | curl -sS --fail-with-body -H "Authorization: Bearer $master_token" -H 'Content-Type: application/json' -d @- "$users" >/dev/null
    local user_id role
    user_id="$(curl -sS --fail-with-body -H "Authorization: Bearer $master_token" "$users?exact=true&username=$CPAAS_DEMO_USER" | jq -r '.[0].id')"
    role="$(curl -sS --fail-with-body -H "Authorization: Bearer $master_token" "$keycloak/admin/realms/cpaas/roles/tenant-admin")"
    echo "[$role]" | curl -sS --fail-with-body -H "Authorization: Bearer $master_token" -H 'Content-Type: application/json' -d @- \
      "$users/$user_id/role-mappings/realm" >/dev/null
  fi

  # Reuse the key from the last run while it still works; otherwise issue a new one.
  DEMO_KEY_ID="" DEMO_KEY_SECRET=""
  if [ -f "$previous_credentials" ]; then
    DEMO_KEY_ID="$(sed -n 's/^CPAAS_DEMO_KEY_ID=//p' "$previous_credentials")"
    DEMO_KEY_SECRET="$(sed -n 's/^CPAAS_DEMO_KEY_SECRET=//p' "$previous_credentials")"
  fi
  if [ -z "$DEMO_KEY_ID" ] || ! curl -sS --fail-with-body -o /dev/null -u "$DEMO_KEY_ID:$DEMO_KEY_SECRET" "$tenant_url/v1/tenants/$DEMO_TENANT_ID"; then
    local demo_token key
    demo_token="$(_token "$keycloak" cpaas "$CPAAS_DEMO_USER" "$CPAAS_DEMO_PASSWORD")"
    key="$(curl -sS --fail-with-body -H "Authorization: Bearer $demo_token" -H 'Content-Type: application/json' \
      -d '{"name":"demo (deploy/local/up.sh)","scopes":["rooms:write","rooms:read","tokens:create","turn:create","usage:read","keys:manage"]}' \
      "$tenant_url/v1/tenants/$DEMO_TENANT_ID/api-keys")"
    DEMO_KEY_ID="$(jq -r .id <<<"$key")"
    DEMO_KEY_SECRET="$(jq -r .secret <<<"$key")"
  fi
}
