package io.cpaas.room.support;

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
 * One of the platform's Quarkus services run from its build output on a port of its own, which it
 * keeps across restarts; it can be stopped politely or killed as a crash would (SIGKILL).
 */
public final class ServiceJar {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String module;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceJar(String module, Path jar, Map<String, String> environment) {
        this.module = module;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.port = freePort();
        this.log = Path.of("target", module + "-process-" + port + ".log");
    }

    /** Starts {@code ../<module>} (or this module when it is room-service) and waits until it is ready. */
    public static ServiceJar start(String module, Map<String, String> environment) {
        Path jar = module.equals("room-service") ? Path.of("target", "quarkus-app", "quarkus-run.jar")
                : Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + module + " first (./mvnw verify builds it in order)");
        }
        ServiceJar service = new ServiceJar(module, jar, environment);
        service.start();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the process at once, as a crash or an OOM kill would: no shutdown hooks run. */
    public void kill() {
        process.destroyForcibly();
        await();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            await();
        }
    }

    /** Starts it again on the same port, appending to the same log. */
    public void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + module, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited; see " + log.toAbsolutePath());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(200);
        }
        throw new IllegalStateException(module + " not ready after " + READY_TIMEOUT + "; see " + log.toAbsolutePath());
    }

    private void await() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment variable, or the fallback when it is unset or blank. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
