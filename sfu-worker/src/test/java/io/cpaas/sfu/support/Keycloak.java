package io.cpaas.sfu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real Keycloak the test run started (deploy/local/test.sh): gets tokens with the password
 * grant and provisions users in realm cpaas through the admin REST API.
 */
public final class Keycloak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static final String URL = env("CPAAS_TEST_KEYCLOAK_URL", "http://127.0.0.1:18180");
    private static final String MASTER_USER = env("CPAAS_TEST_KEYCLOAK_ADMIN_USER", "admin");
    private static final String MASTER_PASSWORD = env("CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD", "admin");
    public static final String PLATFORM_ADMIN_USER = env("CPAAS_TEST_ADMIN_USER", "cpaas-admin");
    public static final String PLATFORM_ADMIN_PASSWORD = env("CPAAS_TEST_ADMIN_PASSWORD", "cpaas-admin");

    private Keycloak() {
    }

    public static String platformAdminToken() {
        return passwordToken("cpaas", PLATFORM_ADMIN_USER, PLATFORM_ADMIN_PASSWORD);
    }

    /** A master-realm admin token: a real Keycloak token, but from another realm than ours. */
    public static String masterAdminToken() {
        return passwordToken("master", MASTER_USER, MASTER_PASSWORD);
    }

    public static String passwordToken(String realm, String username, String password) {
        return passwordToken(realm, "admin-cli", username, password);
    }

    public static String passwordToken(String realm, String clientId, String username, String password) {
        String form = form(Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(URL + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), 200);
        return answer.get("access_token").asText();
    }

    /** Creates (or replaces) a console user of a tenant (null: of none) with one realm role. */
    public static void createTenantUser(String username, String password, String tenantId, String role) {
        String admin = masterAdminToken();
        String base = URL + "/admin/realms/cpaas";
        JsonNode existing = send(get(base + "/users?exact=true&username=" + username, admin), 200);
        for (JsonNode user : existing) {
            send(HttpRequest.newBuilder(URI.create(base + "/users/" + user.get("id").asText()))
                    .header("Authorization", "Bearer " + admin).DELETE().build(), 204);
        }
        Map<String, Object> user = new java.util.HashMap<>(Map.of("username", username, "enabled", true,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        if (tenantId != null) {
            user.put("attributes", Map.of("tenant", List.of(tenantId)));
        }
        send(post(base + "/users", admin, user), 201);
        String id = send(get(base + "/users?exact=true&username=" + username, admin), 200).get(0).get("id").asText();
        JsonNode roleRepresentation = send(get(base + "/roles/" + role, admin), 200);
        send(post(base + "/users/" + id + "/role-mappings/realm", admin, List.of(roleRepresentation)), 204);
    }

    /** Creates a public client whose access tokens live {@code seconds}, to obtain tokens that expire soon. */
    public static void ensureShortLivedClient(String clientId, int seconds) {
        String admin = masterAdminToken();
        String base = URL + "/admin/realms/cpaas/clients";
        if (send(get(base + "?clientId=" + clientId, admin), 200).isEmpty()) {
            send(post(base, admin, Map.of("clientId", clientId, "publicClient", true, "directAccessGrantsEnabled", true,
                    "standardFlowEnabled", false, "attributes", Map.of("access.token.lifespan", String.valueOf(seconds)),
                    "defaultClientScopes", List.of("cpaas-tenant", "roles", "profile"))), 201);
        }
    }

    /**
     * A confidential client for the console's authorization code flow, allowed to redirect to any
     * port on this machine (test ports are random); answers its secret. Made once per Keycloak.
     */
    public static String ensureConsoleClient(String clientId) {
        String admin = masterAdminToken();
        String base = URL + "/admin/realms/cpaas/clients";
        JsonNode existing = send(get(base + "?clientId=" + clientId, admin), 200);
        if (existing.isEmpty()) {
            send(post(base, admin, Map.of("clientId", clientId, "publicClient", false, "clientAuthenticatorType", "client-secret",
                    "secret", java.util.UUID.randomUUID().toString(), "standardFlowEnabled", true, "directAccessGrantsEnabled", false,
                    "redirectUris", List.of("http://127.0.0.1:*", "http://localhost:*"),
                    "attributes", Map.of("post.logout.redirect.uris", "+"),
                    "defaultClientScopes", List.of("web-origins", "acr", "profile", "roles", "basic", "email", "cpaas-tenant"))), 201);
            existing = send(get(base + "?clientId=" + clientId, admin), 200);
        }
        String id = existing.get(0).get("id").asText();
        return send(get(base + "/" + id + "/client-secret", admin), 200).get("value").asText();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static HttpRequest post(String url, String token, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + URL + " is not reachable; run the tests with deploy/local/test.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
