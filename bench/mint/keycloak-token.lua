-- wrk script: Keycloak's client-credentials grant for the confidential client cpaas-service
-- (secret in $BENCH_CLIENT_SECRET), the reference our token minting is compared with.
wrk.method = "POST"
wrk.path = "/realms/cpaas/protocol/openid-connect/token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials&client_id=cpaas-service&client_secret=" .. os.getenv("BENCH_CLIENT_SECRET")
