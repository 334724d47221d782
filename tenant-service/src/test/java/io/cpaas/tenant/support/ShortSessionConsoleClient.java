package io.cpaas.tenant.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The console signed in through a test client of the real Keycloak whose access and ID tokens live
 * {@value #TOKEN_SECONDS} seconds, so that a session Keycloak has ended shows within a test.
 */
public class ShortSessionConsoleClient implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "cpaas-console-short-test";
    public static final int TOKEN_SECONDS = 10;

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.console.client-id", CLIENT_ID,
                "quarkus.oidc.console.credentials.secret",
                Keycloak.ensureConsoleClient(CLIENT_ID, Map.of("access.token.lifespan", String.valueOf(TOKEN_SECONDS))),
                "quarkus.keycloak.admin-client.client-secret", Keycloak.clientSecret("cpaas-service"));
    }

    @Override
    public void stop() {
    }
}
