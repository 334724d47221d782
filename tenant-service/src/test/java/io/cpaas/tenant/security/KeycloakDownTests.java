package io.cpaas.tenant.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cpaas.api.auth.Scope;
import io.cpaas.tenant.apikey.rest.ApiKeyCreateRequest;
import io.cpaas.tenant.apikey.service.ApiKeyService;
import io.cpaas.tenant.apikey.service.IssuedApiKey;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.rest.TenantCreateRequest;
import io.cpaas.tenant.tenant.service.TenantService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keycloak down: tenant-service started against an identity provider nobody answers at (a closed
 * port). API keys do not depend on it, so key-authenticated calls and the introspection room-service
 * makes for every API call keep working; Keycloak tokens cannot be checked and get 503 with
 * Retry-After; the console says that sign-in is unavailable instead of failing.
 */
@QuarkusTest
@TestProfile(KeycloakDownTests.KeycloakDown.class)
class KeycloakDownTests {

    public static class KeycloakDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nobody = "http://127.0.0.1:9/realms/cpaas";
            return Map.of("quarkus.oidc.auth-server-url", nobody, "quarkus.oidc.console.auth-server-url", nobody,
                    "quarkus.oidc.connection-delay", "1S", "quarkus.oidc.console.connection-delay", "1S");
        }
    }

    private static final String CLUSTER_SECRET = "test-cluster-secret-not-for-production";

    @Inject
    TenantService tenants;

    @Inject
    ApiKeyService keys;

    @Test
    void apiKeysKeepWorkingAndRoomServiceCanStillIntrospectThem() {
        Caller platform = new Caller(Caller.Kind.PLATFORM_ADMIN, "test", null, EnumSet.noneOf(Scope.class), 1000);
        Tenant tenant = tenants.create(platform, new TenantCreateRequest("Keycloak down", null, null));
        IssuedApiKey key = keys.create(platform, tenant.id(), new ApiKeyCreateRequest("ops", List.of("keys:manage", "rooms:write"), null));
        String basic = "Basic " + Base64.getEncoder().encodeToString((key.key().id() + ":" + key.secret()).getBytes(StandardCharsets.UTF_8));

        given().header("Authorization", basic).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).body("items[0].id", equalTo(key.key().id()));
        given().header("X-Cluster-Secret", CLUSTER_SECRET).contentType(ContentType.JSON)
                .body(Map.of("keyId", key.key().id(), "secret", key.secret()))
                .when().post("/internal/v1/api-keys/introspect")
                .then().statusCode(200).body("active", equalTo(true)).body("tenantId", equalTo(tenant.id()));
    }

    @Test
    void aKeycloakTokenCannotBeCheckedAndGets503WithRetryAfterNot500() {
        String someJwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4In0.c2ln";
        given().header("Authorization", "Bearer " + someJwt).when().get("/v1/tenants")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "30")
                .body("type", equalTo("urn:cpaas:problem:unavailable")).body("detail", containsString("API keys keep working"));
    }

    @Test
    void theConsoleSaysSignInIsUnavailable() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(503).header("Retry-After", "30").contentType(containsString("text/html"))
                .body(containsString("Sign-in is unavailable"));
    }
}
