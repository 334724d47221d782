package io.cpaas.sfu.support;

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
 * One of the platform's Quarkus services (or a packaged worker) run from its build output, for the
 * worker's tests. It keeps its port across restarts, and can be killed as a crash would (SIGKILL).
 */
public final class ServiceProcess {

    /** A JVM starts in seconds, but several at once on a busy 2-core machine may take minutes. */
    private static final Duration READY_LIMIT = Duration.ofSeconds(180);

    private final String module;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceProcess(String module, Path jar, int port, Map<String, String> environment) {
        this.module = module;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.log = Path.of("target", module + "-for-tests.log");
    }

    static ServiceProcess start(String module, Map<String, String> environment) {
        return start(module, freePort(), environment);
    }

    static ServiceProcess start(String module, int port, Map<String, String> environment) {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + module + " first (./mvnw verify builds it before sfu-worker)");
        }
        ServiceProcess service = new ServiceProcess(module, jar, port, environment);
        service.start();
        return service;
    }

    /** This module's own packaged worker as a process named {@code name}, on HTTP port {@code port}. */
    public static ServiceProcess startWorker(String name, int port, Map<String, String> environment) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: a test that runs packaged workers runs after package (./mvnw verify)");
        }
        ServiceProcess worker = new ServiceProcess(name, jar, port, environment);
        worker.start();
        return worker;
    }

    /** Starts (again) on the same port, appending to the same log, and waits until it is ready. */
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
        awaitReady(log);
    }

    public String name() {
        return module;
    }

    String url() {
        return url("127.0.0.1");
    }

    /** The service's URL at another address of this machine (Quarkus services listen on every address). */
    String url(String host) {
        return "http://" + host + ":" + port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once: no shutdown hooks run, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        await();
    }

    void stop() {
        process.destroy();
        await();
    }

    private void await() {
        try {
            process.waitFor();
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

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(READY_LIMIT);
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
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // Not left running: an orphaned room-service on the same database would judge the next worker's heartbeats too.
        process.destroyForcibly();
        await();
        throw new IllegalStateException(module + " not ready after " + READY_LIMIT.toSeconds() + " s; see " + log.toAbsolutePath());
    }
}
