package io.cpaas.room.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real tenant-service, started from its build output for room-service's tests (introspection and
 * tenant profiles go over HTTP to it, as in production), its console reading this room-service. The
 * Maven reactor builds it first.
 */
public class TenantServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String CLUSTER_SECRET = "test-cluster-secret-not-for-production";
    /** A test client of the real Keycloak for the console's sign-in, allowed to redirect to any local port. */
    public static final String CONSOLE_CLIENT_ID = "cpaas-console-test";

    private static String url;
    private final String databaseUrl;
    private ServiceJar service;

    public TenantServiceProcess() {
        this(ServiceJar.env("CPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpaas_test"));
    }

    /** A tenant-service on another database (a test's own PostgreSQL). */
    public TenantServiceProcess(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        // The console of this tenant-service reads the room-service under test: its port is chosen here.
        int roomServicePort = ServiceJar.freePort();
        service = ServiceJar.start("tenant-service", Map.of(
                "CPAAS_DB_URL", databaseUrl,
                "CPAAS_DB_USER", "postgres",
                "CPAAS_DB_PASSWORD", "",
                "CPAAS_KEYCLOAK_URL", Keycloak.URL,
                "CPAAS_CLUSTER_SECRET", CLUSTER_SECRET,
                "CPAAS_ROOM_URL", "http://127.0.0.1:" + roomServicePort,
                "QUARKUS_OIDC_CONSOLE_CLIENT_ID", CONSOLE_CLIENT_ID,
                "QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET", Keycloak.ensureConsoleClient(CONSOLE_CLIENT_ID)));
        url = service.url();
        return Map.of("cpaas.tenant-service-url", url, "quarkus.http.test-port", String.valueOf(roomServicePort));
    }

    /** Its base URL, for checks on the process itself (health). */
    public String processUrl() {
        return service.url();
    }

    @Override
    public void stop() {
        if (service != null) {
            service.stop();
        }
    }
}
