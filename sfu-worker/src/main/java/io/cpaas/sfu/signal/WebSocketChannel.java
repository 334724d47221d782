package io.cpaas.sfu.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A participant's WebSocket as a {@link SignalChannel}: sends are queued by Vert.x, never awaited.
 * The queue is bounded: a client that stops reading (while others keep sending it data messages)
 * would otherwise make the worker hold every frame for it; past {@value #MAX_PENDING} unwritten
 * frames it is disconnected (4007) and can join again.
 */
final class WebSocketChannel implements SignalChannel {

    private static final Logger LOG = Logger.getLogger(WebSocketChannel.class);
    static final int MAX_PENDING = 256;

    private final WebSocketConnection connection;
    private final ObjectMapper json;
    private final AtomicInteger pending = new AtomicInteger();

    WebSocketChannel(WebSocketConnection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
    }

    @Override
    public void send(ObjectNode message) {
        send(new SharedMessage(message));
    }

    @Override
    public void send(SharedMessage message) {
        if (connection.isClosed()) {
            return;
        }
        String text;
        try {
            text = message.text(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.infof("signaling connection %s is not reading (%d frames unwritten): closing it", connection.id(), MAX_PENDING);
            close(4007, "not reading");
            return;
        }
        connection.sendText(text).subscribe().with(
                ignored -> pending.decrementAndGet(),
                failure -> {
                    pending.decrementAndGet();
                    LOG.debugf("send to %s failed: %s", connection.id(), failure.getMessage());
                });
    }

    @Override
    public void close(int code, String reason) {
        if (!connection.isClosed()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
