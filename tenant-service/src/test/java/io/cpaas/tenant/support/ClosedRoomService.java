package io.cpaas.tenant.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the console at a room-service address where nothing listens: every page that asks
 * room-service answers 503 "Room data is unavailable", so a 404 or 403 proves the console refused
 * the request before calling room-service at all.
 */
public class ClosedRoomService implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("cpaas.console.room-service-url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
    }
}
