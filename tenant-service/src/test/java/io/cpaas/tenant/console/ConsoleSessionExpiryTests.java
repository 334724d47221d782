package io.cpaas.tenant.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.ConsoleLogin;
import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.cpaas.tenant.support.Keycloak;
import io.cpaas.tenant.support.ShortSessionConsoleClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A console session whose Keycloak session has ended (expired, or signed out elsewhere) sends the
 * user back to Keycloak's login page, and signing in again returns to the page asked for: never an
 * error page. The test client's tokens live 10 s, so the console must ask Keycloak again soon.
 */
@QuarkusTest
@TestProfile(ConsoleSessionExpiryTests.ShortTokens.class)
class ConsoleSessionExpiryTests {

    /** Only the short-lived client: the other console tests' client is global and would win otherwise. */
    public static class ShortTokens implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ShortSessionConsoleClient.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void aSessionKeycloakHasEndedLeadsBackToTheLoginPageAndThenToThePageAskedFor() throws InterruptedException {
        TenantFixture tenant = Fixtures.tenant("Console expiry");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        String keys = "/console/tenants/" + tenant.id() + "/keys";
        assertEquals(200, admin.get(keys).statusCode());

        Keycloak.endSessions(tenant.adminUser());
        Thread.sleep((ShortSessionConsoleClient.TOKEN_SECONDS + 2) * 1000L);

        HttpResponse<String> expired = admin.get(keys);
        assertEquals(200, expired.statusCode(), expired.uri().toString());
        assertTrue(expired.uri().toString().startsWith(Keycloak.URL + "/realms/cpaas/"), "at Keycloak: " + expired.uri());
        assertTrue(expired.body().contains("kc-form-login"), "Keycloak's login form: " + expired.body());
        assertFalse(expired.body().contains(tenant.key().id()), "nothing of the tenant is shown");

        HttpResponse<String> again = admin.signInOnForm(expired, tenant.adminUser(), tenant.password());
        assertEquals(base() + keys, again.uri().toString());
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains(tenant.key().id()), "the page asked for, signed in again");
    }

    @Test
    void aSessionEndedElsewhereIsNotShownWhileItsTokensStillLive() {
        TenantFixture tenant = Fixtures.tenant("Console ended elsewhere");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        String keys = "/console/tenants/" + tenant.id() + "/keys";
        assertEquals(200, admin.get(keys).statusCode());

        Keycloak.endSessions(tenant.adminUser());

        // Tokens last 10 s and the console refreshes them 30 s before they end: the very next page
        // asks Keycloak, which no longer knows the session.
        HttpResponse<String> next = admin.get(keys);
        assertTrue(next.body().contains("kc-form-login"), "back at Keycloak's login form: " + next.statusCode() + " " + next.uri());
        assertFalse(next.body().contains(tenant.key().id()));
    }
}
