package io.cpaas.tenant.apikey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.KeyFixture;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTests {

    @Test
    void keyIsCreatedUsedListedWithoutSecretAndRevokedWithin5Seconds() {
        TenantFixture tenant = Fixtures.tenant("Keys");
        Response created = given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "backend", "scopes", List.of("rooms:read", "keys:manage")))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys");
        created.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("id", matchesPattern("ak_[a-z2-7]{20}"))
                .body("secret", matchesPattern("sk_[A-Za-z0-9_-]{43}"))
                .body("status", equalTo("active"))
                .body("scopes", equalTo(List.of("keys:manage", "rooms:read")));
        KeyFixture key = new KeyFixture(created.path("id"), created.path("secret"));

        given().header("Authorization", key.basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);
        given().header("Authorization", key.bearer()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);

        String listing = given().header("Authorization", key.basic()).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).body("items.id", hasItem(key.id())).extract().asString();
        assertFalse(listing.contains(key.secret()), "a list never shows a secret");
        assertFalse(listing.contains("\"secret\""), "a list has no secret field at all");

        given().header("Authorization", tenant.adminToken()).when().delete("/v1/tenants/" + tenant.id() + "/api-keys/" + key.id())
                .then().statusCode(204);
        long revokedAt = System.nanoTime();
        int status = 200;
        while (status != 401 && System.nanoTime() - revokedAt < 5_000_000_000L) {
            status = given().header("Authorization", key.basic()).when().get("/v1/tenants/" + tenant.id()).then().extract().statusCode();
        }
        assertEquals(401, status, "a revoked key is refused within 5 s");
        given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().body("items.find { it.id == '" + key.id() + "' }.status", equalTo("revoked"));
    }

    @Test
    void lastUsedIsRecordedWithoutAWritePerRequest() throws InterruptedException {
        TenantFixture tenant = Fixtures.tenant("LastUsed");
        given().header("Authorization", tenant.key().basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);
        String lastUsed = null;
        for (int i = 0; i < 40 && lastUsed == null; i++) {
            Thread.sleep(250);
            lastUsed = given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                    .then().extract().path("items.find { it.id == '" + tenant.key().id() + "' }.lastUsedAt");
        }
        assertTrue(lastUsed != null, "lastUsedAt is written within the flush period");
    }

    @Test
    void refusedCredentialsAllLookAlike() {
        TenantFixture tenant = Fixtures.tenant("Refused");
        String wrongSecret = new KeyFixture(tenant.key().id(), "sk_" + "A".repeat(43)).basic();
        String unknownKey = new KeyFixture("ak_aaaaaaaaaaaaaaaaaaaa", tenant.key().secret()).basic();
        List<String> headers = List.of(wrongSecret, unknownKey, "Basic !!!", "Basic " + b64("no colon"),
                "Basic " + b64(tenant.key().id() + ":"), "Bearer " + tenant.key().id() + ":nope", "Bearer not.a.jwt",
                "Digest x", "Basic " + "A".repeat(2000));
        for (String header : headers) {
            given().header("Authorization", header).when().get("/v1/tenants/" + tenant.id())
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", not(nullValue()))
                    .body("type", equalTo("urn:cpaas:problem:unauthenticated"))
                    .body("detail", not(org.hamcrest.Matchers.containsString(tenant.key().id())));
        }
        given().when().get("/v1/tenants/" + tenant.id()).then().statusCode(401).body("type", equalTo("urn:cpaas:problem:unauthenticated"));
    }

    @Test
    void expiredKeyIsRefused() throws InterruptedException {
        TenantFixture tenant = Fixtures.tenant("Expiry");
        Response created = given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "short", "scopes", List.of("rooms:read"), "expiresAt", Instant.now().plusSeconds(2).toString()))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys");
        created.then().statusCode(201);
        KeyFixture key = new KeyFixture(created.path("id"), created.path("secret"));
        given().header("Authorization", key.basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);
        Thread.sleep(3500);
        given().header("Authorization", key.basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(401);
        given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().body("items.find { it.id == '" + key.id() + "' }.status", equalTo("expired"));
    }

    @Test
    void keysManageScopeIsNeededAndCannotEscalate() {
        TenantFixture tenant = Fixtures.tenant("Scopes");
        KeyFixture reader = Fixtures.key(tenant.id(), tenant.adminToken(), List.of("rooms:read"));
        given().header("Authorization", reader.basic()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("rooms:read")))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(403).body("type", equalTo("urn:cpaas:problem:missing-scope"));
        given().header("Authorization", reader.basic()).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(403);

        KeyFixture manager = Fixtures.key(tenant.id(), tenant.adminToken(), List.of("keys:manage", "rooms:read"));
        given().header("Authorization", manager.basic()).contentType(ContentType.JSON)
                .body(Map.of("name", "child", "scopes", List.of("rooms:read")))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(201);
        given().header("Authorization", manager.basic()).contentType(ContentType.JSON)
                .body(Map.of("name", "escalation", "scopes", List.of("usage:read")))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(403).body("type", equalTo("urn:cpaas:problem:missing-scope"));
    }

    @Test
    void anExpiringKeyCannotCreateAKeyThatOutlivesIt() {
        TenantFixture tenant = Fixtures.tenant("Outlive");
        Instant expiry = Instant.now().plusSeconds(3600);
        Response created = given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "temp", "scopes", List.of("keys:manage"), "expiresAt", expiry.toString()))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys");
        KeyFixture temp = new KeyFixture(created.path("id"), created.path("secret"));
        for (Map<String, Object> body : List.of(Map.<String, Object>of("name", "forever", "scopes", List.of("keys:manage")),
                Map.<String, Object>of("name", "later", "scopes", List.of("keys:manage"), "expiresAt", expiry.plusSeconds(60).toString()))) {
            given().header("Authorization", temp.basic()).contentType(ContentType.JSON).body(body)
                    .when().post("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(400)
                    .body("errors[0].field", equalTo("expiresAt"));
        }
        given().header("Authorization", temp.basic()).contentType(ContentType.JSON)
                .body(Map.of("name", "shorter", "scopes", List.of("keys:manage"), "expiresAt", expiry.minusSeconds(60).toString()))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(201);
    }

    @Test
    void viewersListButDoNotManage() {
        TenantFixture tenant = Fixtures.tenant("Viewer");
        given().header("Authorization", tenant.viewerToken()).when().get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200);
        given().header("Authorization", tenant.viewerToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("rooms:read")))
                .when().post("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(403);
        given().header("Authorization", tenant.viewerToken())
                .when().delete("/v1/tenants/" + tenant.id() + "/api-keys/" + tenant.key().id()).then().statusCode(403);
    }

    @Test
    void invalidKeyRequestsChangeNothing() {
        TenantFixture tenant = Fixtures.tenant("BadKeys");
        int before = keyCount(tenant);
        List<Object> bodies = List.of(
                Map.of("name", "x", "scopes", List.of("rooms:admin")),
                Map.of("name", "x", "scopes", List.of()),
                Map.of("name", "", "scopes", List.of("rooms:read")),
                Map.of("name", "x", "scopes", "rooms:read"),
                Map.of("name", "x", "scopes", List.of("rooms:read"), "expiresAt", "yesterday"),
                Map.of("name", "x", "scopes", List.of("rooms:read"), "expiresAt", "2001-01-01T00:00:00Z"),
                Map.of("name", "x", "scopes", List.of("rooms:read"), "admin", true),
                Map.of("name", "x\u0000y", "scopes", List.of("rooms:read")));
        for (Object body : bodies) {
            given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON).body(body)
                    .when().post("/v1/tenants/" + tenant.id() + "/api-keys")
                    .then().statusCode(400).contentType("application/problem+json").body("type", org.hamcrest.Matchers.notNullValue());
        }
        assertEquals(before, keyCount(tenant));
    }

    @Test
    void revokingAnUnknownKeyIsNotFound() {
        TenantFixture tenant = Fixtures.tenant("Unknown");
        given().header("Authorization", tenant.adminToken())
                .when().delete("/v1/tenants/" + tenant.id() + "/api-keys/ak_bbbbbbbbbbbbbbbbbbbb").then().statusCode(404);
    }

    private static int keyCount(TenantFixture tenant) {
        return given().header("Authorization", tenant.adminToken()).queryParam("limit", 200)
                .when().get("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
