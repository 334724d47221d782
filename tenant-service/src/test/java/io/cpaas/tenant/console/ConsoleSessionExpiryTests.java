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
 * A console session whose Keycloak session has ended (expired, or signed out elsewhere) ends on a
 * page that says so and leads to Keycloak's login again: never an error. The test client's tokens
 * live 10 s, so the console must ask Keycloak again within the test.
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
    void aSessionKeycloakHasEndedLeadsToTheSessionExpiredPageAndSigningInAgainWorks() throws InterruptedException {
        TenantFixture tenant = Fixtures.tenant("Console expiry");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        String keys = "/console/tenants/" + tenant.id() + "/keys";
        assertEquals(200, admin.get(keys).statusCode());

        Keycloak.endSessions(tenant.adminUser());
        Thread.sleep((ShortSessionConsoleClient.TOKEN_SECONDS + 2) * 1000L);

        HttpResponse<String> expired = admin.get(keys);
        assertSessionExpiredPage(expired, tenant);

        HttpResponse<String> login = admin.get("/console");
        assertTrue(login.body().contains("kc-form-login"), "Keycloak asks for the password again: " + login.uri());
        HttpResponse<String> again = admin.signInOnForm(login, tenant.adminUser(), tenant.password());
        assertTrue(again.uri().getPath().startsWith("/console/tenants/" + tenant.id()), again.uri().toString());
        HttpResponse<String> page = admin.get(keys);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(tenant.key().id()), "signed in again");
    }

    @Test
    void aSessionEndedElsewhereNeverAnswersAnErrorOnlyPagesThenTheSessionExpiredPage() throws InterruptedException {
        TenantFixture tenant = Fixtures.tenant("Console ended elsewhere");
        ConsoleLogin admin = ConsoleLogin.signIn(base(), tenant.adminUser(), tenant.password());
        String keys = "/console/tenants/" + tenant.id() + "/keys";
        assertEquals(200, admin.get(keys).statusCode());

        Keycloak.endSessions(tenant.adminUser());

        // While its tokens live the console may still show pages; once they end it must say so.
        HttpResponse<String> last = null;
        for (int second = 0; second <= ShortSessionConsoleClient.TOKEN_SECONDS + 2; second++) {
            last = admin.get(keys);
            boolean stillSignedIn = last.uri().getPath().equals(keys) && last.body().contains(tenant.key().id());
            boolean toldExpired = last.uri().getPath().equals("/console/session-expired");
            assertTrue(last.statusCode() == 200 && (stillSignedIn || toldExpired),
                    "a page or the session-expired page, never an error: " + last.statusCode() + " " + last.uri() + " " + last.body());
            if (toldExpired) {
                break;
            }
            Thread.sleep(1000);
        }
        assertSessionExpiredPage(last, tenant);
    }

    private static void assertSessionExpiredPage(HttpResponse<String> answer, TenantFixture tenant) {
        assertEquals(200, answer.statusCode(), answer.uri() + " " + answer.body());
        assertEquals("/console/session-expired", answer.uri().getPath(), answer.body());
        assertTrue(answer.body().contains("Your session has expired"), answer.body());
        assertTrue(answer.body().contains("href=\"/console\""), "a way to sign in again");
        assertFalse(answer.body().contains(tenant.key().id()), "nothing of the tenant is shown");
    }
}
