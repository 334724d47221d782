package io.cpaas.sfu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of the signaling WebSocket: sends JSON, collects what the worker says. */
public final class SignalClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean paused;

    private SignalClient(String url) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).join();
    }

    public static SignalClient connect(String url) {
        return new SignalClient(url);
    }

    /** Connects to the URL room-service gave and joins with the ticket; answers the client once 'joined' arrived. */
    public static SignalClient joined(Tenants tenant, String room, Map<String, Object> tokenBody) {
        var join = tenant.join(tenant.token(room, tokenBody));
        SignalClient client = connect(join.getString("signalUrl"));
        client.send(Map.of("type", "join", "ticket", join.getString("ticket"), "protocol", 1));
        client.expect("joined");
        return client;
    }

    public void send(Object message) {
        try {
            sendRaw(JSON.writeValueAsString(message));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message of the given type, skipping others; fails after 5 s. */
    public JsonNode expect(String type) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            try {
                JsonNode message = received.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && type.equals(message.path("type").asText())) {
                    return message;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no '" + type + "' message within 5 s");
    }

    /** True when a message of the type arrives within the time. */
    public boolean receives(String type, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            try {
                JsonNode message = received.poll(50, TimeUnit.MILLISECONDS);
                if (message != null && type.equals(message.path("type").asText())) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The close code the worker sent, waiting up to 5 s. */
    public int closeCode() {
        try {
            return closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the worker did not close the socket");
        }
    }

    /** The close code the worker sent, waiting up to {@code limit}. */
    public int closeCodeWithin(Duration limit) {
        try {
            return closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the worker did not close the socket within " + limit);
        }
    }

    /** Stops taking frames off the socket, as a client that hangs would; the worker's writes back up. */
    public void pauseReading() {
        paused = true;
    }

    public void resumeReading() {
        if (paused) {
            paused = false;
            socket.request(1);
        }
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
