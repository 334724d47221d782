import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A signaling WebSocket (docs/signaling.md): JSON frames out, frames in either handed to a listener
 * (after setup) or queued for {@link #expect}. All sockets share one HttpClient, so one selector
 * thread serves every simulated client.
 */
final class SignalSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final java.util.List<JsonNode> skipped = new java.util.ArrayList<>();
    private final WebSocket socket;
    private volatile Consumer<JsonNode> listener;
    private volatile int closeCode = -2;
    /** What the worker sent this socket: frames, and their characters (JSON, so about bytes). */
    private final java.util.concurrent.atomic.LongAdder framesReceived = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder charsReceived = new java.util.concurrent.atomic.LongAdder();

    SignalSocket(String url) {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), new Listener()).join();
    }

    synchronized void send(Object message) throws IOException {
        socket.sendText(RoomServiceApi.JSON.writeValueAsString(message), true).join();
    }

    /**
     * The next frame of this type (an error frame fails at once). Frames of other types stay for a later
     * call: the worker may send a subscribeOffer before its 'joined'.
     */
    JsonNode expect(String type, Duration within) throws IOException {
        for (java.util.Iterator<JsonNode> it = skipped.iterator(); it.hasNext(); ) {
            JsonNode frame = it.next();
            if (frame.path("type").asText().equals(type)) {
                it.remove();
                return frame;
            }
        }
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            JsonNode frame;
            try {
                frame = received.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (frame == null) {
                if (closeCode != -2) {
                    throw new IOException("signaling closed with " + closeCode + " while waiting for '" + type + "'");
                }
                continue;
            }
            String got = frame.path("type").asText();
            if (got.equals(type)) {
                return frame;
            }
            if (got.equals("error")) {
                throw new IOException("signaling error while waiting for '" + type + "': " + frame);
            }
            skipped.add(frame);
        }
        throw new IOException("no '" + type + "' frame within " + within.toSeconds() + " s");
    }

    /** From now on frames go to the listener (on the HttpClient's thread), the queued ones first. */
    void listen(Consumer<JsonNode> consumer) {
        listener = consumer;
        skipped.forEach(consumer);
        skipped.clear();
        JsonNode frame;
        while ((frame = received.poll()) != null) {
            consumer.accept(frame);
        }
    }

    /** Set once we leave: the worker's last offers (the publishers going) are not answered any more. */
    volatile boolean leaving;

    boolean isOpen() {
        return closeCode == -2;
    }

    int closeCode() {
        return closeCode;
    }

    long framesReceived() {
        return framesReceived.sum();
    }

    long charsReceived() {
        return charsReceived.sum();
    }

    @Override
    public void close() {
        if (isOpen()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            charsReceived.add(data.length());
            if (last) {
                framesReceived.increment();
                try {
                    JsonNode frame = RoomServiceApi.JSON.readTree(partial.toString());
                    Consumer<JsonNode> consumer = listener;
                    if (consumer != null) {
                        consumer.accept(frame);
                    } else {
                        received.add(frame);
                    }
                } catch (IOException e) {
                    // not JSON: the worker never sends that
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode = -1;
        }
    }
}
