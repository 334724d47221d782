package io.cpaas.tenant.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.tenant.support.ConsoleLogin;
import io.cpaas.tenant.support.ConsoleOidcClient;
import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.cpaas.tenant.support.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The team page: console users provisioned in the real Keycloak through its admin REST API. */
@QuarkusTest
@QuarkusTestResource(ConsoleOidcClient.class)
class ConsoleTeamTests {

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void anAdminInvitesAViewerWhoMustChangeThePasswordAndRemovesIt() {
        TenantFixture tenant = Fixtures.tenant("Console team");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        String team = "/console/tenants/" + tenant.id() + "/team";
        HttpResponse<String> page = admin.get(team);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(tenant.viewerUser()), "the fixture's viewer is listed");

        String username = "invited-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> invited = admin.post(team, Map.of("username", username, "email", username + "@example.com",
                "role", "tenant-viewer"));
        assertEquals(201, invited.statusCode(), invited.body());
        Matcher password = Pattern.compile("id=\"invited-password\"[^>]*>([^<]{20})<").matcher(invited.body());
        assertTrue(password.find(), invited.body());

        JsonNode user = Keycloak.user(username);
        assertNotNull(user);
        assertEquals(tenant.id(), user.path("attributes").path("tenant").get(0).asText());
        assertTrue(user.path("requiredActions").toString().contains("UPDATE_PASSWORD"), user.toString());
        assertTrue(user.path("realmRoles").toString().contains("\"tenant-viewer\""), user.toString());
        assertFalse(user.path("realmRoles").toString().contains("\"tenant-admin\""), user.toString());

        String userId = user.path("id").asText();
        assertTrue(admin.get(team).body().contains(username));
        HttpResponse<String> removed = admin.post(team + "/" + userId + "/remove", Map.of());
        assertEquals(200, removed.statusCode());
        assertTrue(removed.body().contains("The user was removed."));
        assertNull(Keycloak.user(username));
    }

    @Test
    void viewersAndOtherTenantsCannotChangeTheTeam() {
        TenantFixture tenant = Fixtures.tenant("Console team viewer");
        TenantFixture other = Fixtures.tenant("Console team other");
        String team = "/console/tenants/" + tenant.id() + "/team";
        ConsoleLogin viewer = ConsoleLogin.signIn(base(), tenant.viewerUser(), tenant.password());
        HttpResponse<String> page = viewer.get(team);
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("Invite someone"));
        assertEquals(403, viewer.post(team, Map.of("username", "viewer-made", "role", "tenant-admin")).statusCode());
        assertNull(Keycloak.user("viewer-made"));
        String adminId = Keycloak.user(tenant.adminUser()).path("id").asText();
        viewer.get(team);
        assertEquals(403, viewer.post(team + "/" + adminId + "/remove", Map.of()).statusCode());

        ConsoleLogin otherAdmin = ConsoleLogin.signIn(base(), other.adminUser(), other.password());
        assertEquals(404, otherAdmin.get(team).statusCode());
        otherAdmin.get("/console/tenants/" + other.id() + "/team");
        assertEquals(404, otherAdmin.post("/console/tenants/" + other.id() + "/team/" + adminId + "/remove", Map.of()).statusCode(),
                "another tenant's user is not found through one's own tenant either");
        assertNotNull(Keycloak.user(tenant.adminUser()));
    }

    @Test
    void badInvitationsAreExplainedAndCreateNobody() {
        TenantFixture tenant = Fixtures.tenant("Console team bad");
        String team = "/console/tenants/" + tenant.id() + "/team";
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        admin.get(team);
        HttpResponse<String> refused = admin.post(team, Map.of("username", "<script>x</script>", "email", "not-mail",
                "role", "platform-admin"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("role: must be tenant-admin or tenant-viewer"), refused.body());
        assertTrue(refused.body().contains("email: must be an e-mail address"));
        assertFalse(refused.body().contains("<script>x</script>"));
        admin.get(team);
        HttpResponse<String> self = admin.post(team + "/" + Keycloak.user(tenant.adminUser()).path("id").asText() + "/remove", Map.of());
        assertEquals(409, self.statusCode(), "nobody removes themself");
    }
}
