package io.cpaas.tenant.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The console's Keycloak clients in tests: sign-in through a test client of the real Keycloak that
 * may redirect to the random test port (the realm's cpaas-console client only knows the stack's
 * fixed port), and the realm's cpaas-service client for provisioning console users.
 */
public class ConsoleOidcClient implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "cpaas-console-test";

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.console.client-id", CLIENT_ID,
                "quarkus.oidc.console.credentials.secret", Keycloak.ensureConsoleClient(CLIENT_ID),
                "quarkus.keycloak.admin-client.client-secret", Keycloak.clientSecret("cpaas-service"));
    }

    @Override
    public void stop() {
    }
}
