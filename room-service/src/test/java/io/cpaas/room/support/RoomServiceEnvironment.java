package io.cpaas.room.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment of room-service run as its packaged jar in the failsafe ITs: a database, the real
 * tenant-service and Keycloak; for crash tests also webhooks retried within a second and a 1 s
 * heartbeat interval (silent for 3 s = unhealthy), so that crashes play out in seconds.
 */
public final class RoomServiceEnvironment {

    private RoomServiceEnvironment() {
    }

    /** For a room-service next to the {@link TenantServiceProcess} already started, on the test database. */
    public static Map<String, String> forCrashTests() {
        Map<String, String> env = of(ServiceJar.env("CPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpaas_test"));
        env.put("CPAAS_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("CPAAS_WEBHOOKS_FIRST_RETRY_DELAY", "0.5S");
        env.put("CPAAS_WEBHOOKS_MAX_RETRY_DELAY", "1S");
        env.put("CPAAS_WEBHOOKS_TIMEOUT", "2S");
        env.put("CPAAS_POOL_HEARTBEAT_INTERVAL", "1S");
        return env;
    }

    /** Only what it needs to start, on the given database, with the production defaults for the rest. */
    public static Map<String, String> of(String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("CPAAS_DB_URL", databaseUrl);
        env.put("CPAAS_DB_USER", "postgres");
        env.put("CPAAS_DB_PASSWORD", "");
        env.put("CPAAS_KEYCLOAK_URL", Keycloak.URL);
        env.put("CPAAS_CLUSTER_SECRET", TenantServiceProcess.CLUSTER_SECRET);
        env.put("CPAAS_TENANT_URL", TenantServiceProcess.url());
        env.put("CPAAS_TURN_SECRETS", ServiceJar.env("CPAAS_TEST_TURN_SECRET", "test-turn-secret-0123456789"));
        return env;
    }
}
