package io.cpaas.room.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real tenant-service, started from its build output for room-service's tests (introspection and
 * tenant profiles go over HTTP to it, as in production). The Maven reactor builds it first.
 */
public class TenantServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String CLUSTER_SECRET = "test-cluster-secret-not-for-production";

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
        service = ServiceJar.start("tenant-service", Map.of(
                "CPAAS_DB_URL", databaseUrl,
                "CPAAS_DB_USER", "postgres",
                "CPAAS_DB_PASSWORD", "",
                "CPAAS_KEYCLOAK_URL", Keycloak.URL,
                "CPAAS_CLUSTER_SECRET", CLUSTER_SECRET));
        url = service.url();
        return Map.of("cpaas.tenant-service-url", url);
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
