package io.cpaas.tenant.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.tenant.support.ConsoleBrowser;
import io.cpaas.tenant.support.ConsoleOidcClient;
import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The console in real Chromium, signed in on Keycloak's real login page (src/test/browser/keys.mjs). */
@QuarkusTest
@QuarkusTestResource(ConsoleOidcClient.class)
class ConsoleBrowserTests {

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdminCreatesAndRevokesAKeyAndAViewerCannotWhileAnotherTenantStaysHidden() {
        TenantFixture tenant = Fixtures.tenant("Browser keys");
        TenantFixture other = Fixtures.tenant("Browser other");
        JsonNode seen = ConsoleBrowser.run("keys", Map.of(
                "baseUrl", root.toString().replaceAll("/$", ""),
                "tenantId", tenant.id(), "otherTenantId", other.id(),
                "admin", Map.of("user", tenant.adminUser(), "password", tenant.password()),
                "viewer", Map.of("user", tenant.viewerUser(), "password", tenant.password())));

        assertEquals("/console/tenants/" + tenant.id() + "/usage", seen.path("home").asText().replaceAll("\\?.*", ""),
                "a tenant user lands on its usage page");
        assertTrue(seen.path("created").path("secret").asText().matches("sk_[A-Za-z0-9_-]{43}"), seen.toString());
        assertTrue(seen.path("warning").asText().contains("shown this once"));
        assertTrue(seen.path("copyButton").asBoolean());
        assertEquals(200, seen.path("statusBeforeRevoke").asInt(), "the secret shown works");
        assertTrue(seen.path("confirmText").asText().startsWith("Revoke the key"), seen.toString());
        assertEquals("active", seen.path("statusAfterDismiss").asText(), "dismissing the confirmation revokes nothing");
        assertEquals("revoked", seen.path("statusAfterRevoke").asText());
        assertFalse(seen.path("pageHoldsSecret").asBoolean(), "the secret is not shown again");
        assertEquals(401, seen.path("apiAfterRevoke").asInt(), "the revoked key is refused");
        given().header("Authorization", tenant.adminToken()).get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).body("items.find { it.id == '" + seen.path("created").path("id").asText() + "' }.status",
                        org.hamcrest.Matchers.equalTo("revoked"));

        assertEquals(404, seen.path("otherTenantStatus").asInt());
        assertFalse(seen.path("otherTenantPage").asText().contains(other.key().id()));

        assertFalse(seen.path("viewerSeesCreateForm").asBoolean());
        assertFalse(seen.path("viewerSeesRevoke").asBoolean());
        assertEquals(2, seen.path("viewerListsKeys").asInt(), "the viewer sees both keys");
        assertEquals(403, seen.path("viewerPostStatus").asInt(), "the server refuses a viewer's hand-made form");

        assertEquals(List.of(tenant.adminUser(), tenant.viewerUser()).stream().sorted().toList(),
                StreamSupport.stream(seen.path("team").spliterator(), false).map(JsonNode::asText).sorted().toList(),
                "the team page lists the tenant's two console users: " + seen.path("team"));
        assertTrue(seen.path("teamYou").asText().startsWith(tenant.adminUser()), "the signed-in admin is marked: " + seen.path("teamYou"));

        assertEquals("You are signed out", seen.path("signedOut").asText());
        assertTrue(seen.path("afterSignOutLogin").asBoolean(), "after signing out the console asks to sign in again");
    }
}
