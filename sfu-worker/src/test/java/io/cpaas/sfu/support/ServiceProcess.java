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

/** One of the platform's Quarkus services run from its build output, for the worker's tests. */
final class ServiceProcess {

    private final String module;
    private final Process process;
    private final String url;

    private ServiceProcess(String module, Process process, String url) {
        this.module = module;
        this.process = process;
        this.url = url;
    }

    static ServiceProcess start(String module, Map<String, String> environment) {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + module + " first (./mvnw verify builds it before sfu-worker)");
        }
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve(module + "-for-tests.log");
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            ServiceProcess service = new ServiceProcess(module, builder.start(), "http://127.0.0.1:" + port);
            service.awaitReady(log);
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + module, e);
        }
    }

    String url() {
        return url;
    }

    void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited; see " + log.toAbsolutePath());
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
        throw new IllegalStateException(module + " not ready after 60 s; see " + log.toAbsolutePath());
    }
}
