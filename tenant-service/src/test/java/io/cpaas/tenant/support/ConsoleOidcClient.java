package io.cpaas.tenant.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the console's OIDC tenant at a test client of the real Keycloak that may redirect to the
 * random test port (the realm's cpaas-console client only knows the stack's fixed port).
 */
public class ConsoleOidcClient implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "cpaas-console-test";

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.console.client-id", CLIENT_ID,
                "quarkus.oidc.console.credentials.secret", Keycloak.ensureConsoleClient(CLIENT_ID));
    }

    @Override
    public void stop() {
    }
}
