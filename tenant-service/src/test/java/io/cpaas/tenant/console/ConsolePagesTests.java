package io.cpaas.tenant.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.ConsoleLogin;
import io.cpaas.tenant.support.ConsoleOidcClient;
import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.cpaas.tenant.support.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console over HTTP as a browser sends it, signed in through Keycloak's real login form: roles
 * enforced on the server, CSRF tokens required, tenants isolated, output escaped. (Chromium drives
 * the same pages in ConsoleBrowserTests.)
 */
@QuarkusTest
@QuarkusTestResource(ConsoleOidcClient.class)
class ConsolePagesTests {

    private static final Pattern SECRET = Pattern.compile("id=\"new-key-secret\"[^>]*>(sk_[A-Za-z0-9_-]{43})<");
    private static final Pattern KEY_ID = Pattern.compile("id=\"new-key-id\">(ak_[a-z2-7]{20})<");

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void aStrangerIsSentToKeycloaksLoginPageAndTheApiStillAnswersProblems() {
        String location = given().redirects().follow(false).get("/console/tenants/tn_any/keys")
                .then().statusCode(302).extract().header("Location");
        assertTrue(location.startsWith(Keycloak.URL + "/realms/cpaas/protocol/openid-connect/auth"), location);
        assertTrue(location.contains("client_id=" + ConsoleOidcClient.CLIENT_ID), location);
        given().get("/v1/tenants").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anAdminCreatesAKeySeesItsSecretOnceAndRevokesIt() {
        TenantFixture tenant = Fixtures.tenant("Console keys");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        assertEquals(200, admin.get("/console/tenants/" + tenant.id() + "/keys").statusCode());

        HttpResponse<String> created = admin.post("/console/tenants/" + tenant.id() + "/keys",
                Map.of("name", "ci (build): 1", "scope", "rooms:read",
                        "expiresOn", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1).toString()));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
        Matcher secret = SECRET.matcher(created.body());
        Matcher keyId = KEY_ID.matcher(created.body());
        assertTrue(secret.find() && keyId.find(), created.body());
        assertTrue(created.body().contains("shown this once"));
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((keyId.group(1) + ":" + secret.group(1)).getBytes());
        given().header("Authorization", basic).get("/v1/tenants/" + tenant.id()).then().statusCode(200);

        String list = admin.get("/console/tenants/" + tenant.id() + "/keys").body();
        assertTrue(list.contains(keyId.group(1)));
        assertFalse(list.contains(secret.group(1)), "the secret is never shown again");

        HttpResponse<String> revoked = admin.post("/console/tenants/" + tenant.id() + "/keys/" + keyId.group(1) + "/revoke", Map.of());
        assertEquals(200, revoked.statusCode());
        assertTrue(revoked.body().contains("Key " + keyId.group(1) + " was revoked."), revoked.body());
        given().header("Authorization", basic).get("/v1/tenants/" + tenant.id()).then().statusCode(401);
    }

    @Test
    void badKeyInputIsExplainedAndCreatesNothing() {
        TenantFixture tenant = Fixtures.tenant("Console bad input");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        admin.get("/console/tenants/" + tenant.id() + "/keys");
        HttpResponse<String> refused = admin.post("/console/tenants/" + tenant.id() + "/keys",
                Map.of("name", "<script>alert(1)</script>", "scope", "rooms:everything", "expiresOn", "yesterday"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Expires: must be a date"), refused.body());
        assertTrue(refused.body().contains("Name: must start with a letter or digit"), refused.body());
        assertFalse(refused.body().contains("<script>alert(1)</script>"), "nothing typed is echoed unescaped");
        assertEquals(1, keyCount(tenant), "only the fixture's key exists");
    }

    @Test
    void aViewerSeesKeysButCannotCreateOrRevokeThem() {
        TenantFixture tenant = Fixtures.tenant("Console viewer");
        ConsoleLogin viewer = ConsoleLogin.signIn(base(), tenant.viewerUser(), tenant.password());
        HttpResponse<String> page = viewer.get("/console/tenants/" + tenant.id() + "/keys");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(tenant.key().id()));
        assertFalse(page.body().contains("Create key"), "no create form for viewers");
        assertFalse(page.body().contains(">Revoke<"), "no revoke buttons for viewers");

        // Even a hand-made form post (with a valid CSRF token) is refused on the server.
        HttpResponse<String> create = viewer.post("/console/tenants/" + tenant.id() + "/keys",
                Map.of("name", "sneaky", "scope", "keys:manage"));
        assertEquals(403, create.statusCode());
        viewer.get("/console/tenants/" + tenant.id() + "/keys");
        HttpResponse<String> revoke = viewer.post("/console/tenants/" + tenant.id() + "/keys/" + tenant.key().id() + "/revoke", Map.of());
        assertEquals(403, revoke.statusCode());
        assertEquals(1, keyCount(tenant));
        given().header("Authorization", tenant.key().basic()).get("/v1/tenants/" + tenant.id()).then().statusCode(200);
    }

    @Test
    void formsWithoutTheCsrfTokenOrWithAnotherAreRefused() {
        TenantFixture tenant = Fixtures.tenant("Console csrf");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        admin.get("/console/tenants/" + tenant.id() + "/keys");
        assertEquals(400, admin.postRaw("/console/tenants/" + tenant.id() + "/keys",
                Map.of("name", "forged", "scope", "rooms:read")).statusCode());
        assertEquals(400, admin.postRaw("/console/tenants/" + tenant.id() + "/keys",
                Map.of("name", "forged", "scope", "rooms:read", "csrf-token", "not-the-token")).statusCode());
        assertEquals(400, admin.postRaw("/console/tenants/" + tenant.id() + "/keys/" + tenant.key().id() + "/revoke", Map.of())
                .statusCode());
        assertEquals(1, keyCount(tenant));
        given().header("Authorization", tenant.key().basic()).get("/v1/tenants/" + tenant.id()).then().statusCode(200);
    }

    @Test
    void tenantAsConsoleNeverShowsTenantBsData() {
        TenantFixture a = Fixtures.tenant("Console A");
        TenantFixture b = Fixtures.tenant("Console B");
        ConsoleLogin adminOfA = ConsoleLogin.signIn(base(), a.adminUser(), a.password());
        String bName = given().header("Authorization", b.adminToken()).get("/v1/tenants/" + b.id()).then().extract().path("name");
        for (String page : List.of("/keys", "/usage", "/usage.csv", "/rooms", "/rooms/any", "/webhooks", "/webhooks/deliveries/wd_x")) {
            HttpResponse<String> answer = adminOfA.get("/console/tenants/" + b.id() + page);
            assertEquals(404, answer.statusCode(), page);
            assertFalse(answer.body().contains(bName), page);
            assertFalse(answer.body().contains(b.key().id()), page);
        }
        adminOfA.get("/console/tenants/" + a.id() + "/keys");
        assertEquals(404, adminOfA.post("/console/tenants/" + b.id() + "/keys", Map.of("name", "x", "scope", "rooms:read")).statusCode());
        adminOfA.get("/console/tenants/" + a.id() + "/keys");
        assertEquals(404, adminOfA.post("/console/tenants/" + b.id() + "/keys/" + b.key().id() + "/revoke", Map.of()).statusCode());
        adminOfA.get("/console/tenants/" + a.id() + "/keys");
        assertEquals(404, adminOfA.post("/console/tenants/" + b.id() + "/webhooks/rotate", Map.of()).statusCode());
        given().header("Authorization", b.key().basic()).get("/v1/tenants/" + b.id()).then().statusCode(200);
        // And the home page takes A's user to A's own pages.
        HttpResponse<String> home = adminOfA.get("/console");
        assertTrue(home.uri().getPath().startsWith("/console/tenants/" + a.id()), home.uri().toString());
    }

    @Test
    void namesWithMarkupCharactersAreEscaped() {
        String name = Fixtures.uniqueName("Q&A 'quoted' Ltd");
        String id = given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/v1/tenants").then().statusCode(201).extract().path("id");
        String user = "escape-" + id.replace('_', '-');
        Keycloak.createTenantUser(user, "pw-" + user, id, "tenant-admin");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), user, "pw-" + user);
        String page = admin.get("/console/tenants/" + id + "/keys").body();
        assertTrue(page.contains(name.replace("&", "&amp;").replace("'", "&#39;")), page);
        assertFalse(page.contains(name), "the raw name never appears");
    }

    @Test
    void onlyPlatformAdminsReachThePlatformPages() {
        TenantFixture tenant = Fixtures.tenant("Console not admin");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        assertEquals(403, admin.get("/console/admin/tenants").statusCode());
        assertEquals(403, admin.get("/console/admin/workers").statusCode());

        ConsoleLogin platform = ConsoleLogin.signIn(base(), Keycloak.PLATFORM_ADMIN_USER, Keycloak.PLATFORM_ADMIN_PASSWORD);
        HttpResponse<String> tenants = platform.get("/console/admin/tenants");
        assertEquals(200, tenants.statusCode());
        String name = Fixtures.uniqueName("Made in the console");
        HttpResponse<String> created = platform.post("/console/admin/tenants", Map.of("name", name, "maxRooms", "7"));
        assertEquals(200, created.statusCode(), created.body());
        Matcher made = Pattern.compile("Tenant (tn_[a-z2-7]{20}) was created").matcher(created.body());
        assertTrue(made.find(), created.body());
        String id = made.group(1);
        given().header("Authorization", Fixtures.platformAdmin()).get("/v1/tenants/" + id).then().statusCode(200)
                .body("limits.maxRooms", org.hamcrest.Matchers.equalTo(7));
        HttpResponse<String> disabled = platform.post("/console/admin/tenants/" + id, Map.of("status", "disabled"));
        assertEquals(200, disabled.statusCode());
        given().header("Authorization", Fixtures.platformAdmin()).get("/v1/tenants/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("disabled"));
    }

    @Test
    void signingOutEndsTheSessionAtKeycloakToo() {
        TenantFixture tenant = Fixtures.tenant("Console sign out");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        admin.get("/console/tenants/" + tenant.id() + "/keys");
        HttpResponse<String> out = admin.post("/console/logout", Map.of());
        assertTrue(out.uri().getPath().equals("/console/signed-out"), out.uri().toString());
        assertTrue(out.body().contains("You are signed out"));
        HttpResponse<String> again = admin.get("/console/tenants/" + tenant.id() + "/keys");
        assertNotNull(again.body());
        assertTrue(again.body().contains("kc-form-login"), "back at Keycloak's login form: " + again.uri());
    }

    private static int keyCount(TenantFixture tenant) {
        return given().header("Authorization", tenant.adminToken()).get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
    }
}
