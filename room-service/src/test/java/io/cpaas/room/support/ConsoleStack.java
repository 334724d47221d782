package io.cpaas.room.support;

import java.util.HashMap;
import java.util.Map;

/**
 * tenant-service with its console pointed at the room-service under test (on a port chosen here),
 * signed in through a test client of the real Keycloak that may redirect to any local port.
 */
public class ConsoleStack extends TenantServiceProcess {

    public static final String CONSOLE_CLIENT_ID = "cpaas-console-test";

    @Override
    public Map<String, String> start() {
        int roomServicePort = ServiceJar.freePort();
        Map<String, String> config = new HashMap<>(startTenantService(Map.of(
                "CPAAS_ROOM_URL", "http://127.0.0.1:" + roomServicePort,
                "QUARKUS_OIDC_CONSOLE_CLIENT_ID", CONSOLE_CLIENT_ID,
                "QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET", Keycloak.ensureConsoleClient(CONSOLE_CLIENT_ID))));
        config.put("quarkus.http.test-port", String.valueOf(roomServicePort));
        return config;
    }
}
