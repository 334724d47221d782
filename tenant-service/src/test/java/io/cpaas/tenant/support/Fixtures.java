package io.cpaas.tenant.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tenants, console users and API keys made through the real API, for tests to act with. */
public final class Fixtures {

    private static String adminToken;
    private static long adminTokenFetchedAt;

    private Fixtures() {
    }

    public static synchronized String platformAdmin() {
        if (adminToken == null || System.currentTimeMillis() - adminTokenFetchedAt > 60_000) {
            adminToken = Keycloak.platformAdminToken();
            adminTokenFetchedAt = System.currentTimeMillis();
        }
        return "Bearer " + adminToken;
    }

    public static String uniqueName(String label) {
        return label + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new tenant with a console admin, a console viewer and an API key holding every scope. */
    public static TenantFixture tenant(String label) {
        return tenant(label, Map.of());
    }

    public static TenantFixture tenant(String label, Map<String, Object> limits) {
        Map<String, Object> body = limits.isEmpty()
                ? Map.of("name", uniqueName(label))
                : Map.of("name", uniqueName(label), "limits", limits);
        String id = given().header("Authorization", platformAdmin()).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants")
                .then().statusCode(201).extract().path("id");
        String password = UUID.randomUUID().toString();
        String adminUser = "admin-" + id.replace('_', '-');
        String viewerUser = "viewer-" + id.replace('_', '-');
        Keycloak.createTenantUser(adminUser, password, id, "tenant-admin");
        Keycloak.createTenantUser(viewerUser, password, id, "tenant-viewer");
        String adminToken = "Bearer " + Keycloak.passwordToken("cpaas", adminUser, password);
        String viewerToken = "Bearer " + Keycloak.passwordToken("cpaas", viewerUser, password);
        KeyFixture key = key(id, adminToken, List.of("rooms:write", "rooms:read", "tokens:create", "turn:create",
                "usage:read", "keys:manage"));
        return new TenantFixture(id, adminToken, viewerToken, key, adminUser, viewerUser, password);
    }

    public static KeyFixture key(String tenantId, String authorization, List<String> scopes) {
        JsonPath created = given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(Map.of("name", "test key", "scopes", scopes))
                .when().post("/v1/tenants/" + tenantId + "/api-keys")
                .then().statusCode(201).extract().jsonPath();
        return new KeyFixture(created.getString("id"), created.getString("secret"));
    }

    /** A tenant; its console users {@code adminUser} and {@code viewerUser} share {@code password}. */
    public record TenantFixture(String id, String adminToken, String viewerToken, KeyFixture key, String adminUser,
                                String viewerUser, String password) {
    }

    public record KeyFixture(String id, String secret) {
        public String basic() {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
        }

        public String bearer() {
            return "Bearer " + id + ":" + secret;
        }
    }
}
