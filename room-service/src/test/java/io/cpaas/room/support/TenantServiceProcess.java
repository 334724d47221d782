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
    private ServiceJar service;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        return startTenantService(Map.of());
    }

    /** Starts tenant-service with {@code extra} added to its environment; answers room-service's config. */
    protected Map<String, String> startTenantService(Map<String, String> extra) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "CPAAS_DB_URL", ServiceJar.env("CPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpaas_test"),
                "CPAAS_DB_USER", "postgres",
                "CPAAS_DB_PASSWORD", "",
                "CPAAS_KEYCLOAK_URL", Keycloak.URL,
                "CPAAS_CLUSTER_SECRET", CLUSTER_SECRET));
        environment.putAll(extra);
        service = ServiceJar.start("tenant-service", environment);
        url = service.url();
        return Map.of("cpaas.tenant-service-url", url);
    }

    @Override
    public void stop() {
        if (service != null) {
            service.stop();
        }
    }
}
