package io.cpaas.room.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The real tenant-service, started from its build output for room-service's tests (introspection and
 * tenant profiles go over HTTP to it, as in production). The Maven reactor builds it first.
 */
public class TenantServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String CLUSTER_SECRET = "test-cluster-secret-not-for-production";
    private static final Path JAR = Path.of("..", "tenant-service", "target", "quarkus-app", "quarkus-run.jar");

    private static String url;
    private Process process;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build tenant-service first (./mvnw verify builds it before room-service)");
        }
        int port = freePort();
        url = "http://127.0.0.1:" + port;
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("tenant-service-for-tests.log");
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", JAR.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("CPAAS_DB_URL", env("CPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpaas_test"));
            env.put("CPAAS_DB_USER", "postgres");
            env.put("CPAAS_DB_PASSWORD", "");
            env.put("CPAAS_KEYCLOAK_URL", Keycloak.URL);
            env.put("CPAAS_CLUSTER_SECRET", CLUSTER_SECRET);
            process = builder.start();
            waitUntilReady(log.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("could not start tenant-service", e);
        }
        return Map.of("cpaas.tenant-service-url", url);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void waitUntilReady(File log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("tenant-service exited; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("tenant-service not ready after 60 s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
