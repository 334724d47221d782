package io.cpaas.sfu.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

/** A participant's WebSocket as a {@link SignalChannel}: sends are queued by Vert.x, never awaited. */
final class WebSocketChannel implements SignalChannel {

    private static final Logger LOG = Logger.getLogger(WebSocketChannel.class);

    private final WebSocketConnection connection;
    private final ObjectMapper json;

    WebSocketChannel(WebSocketConnection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
    }

    @Override
    public void send(ObjectNode message) {
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.sendText(json.writeValueAsString(message)).subscribe().with(
                    ignored -> { },
                    failure -> LOG.debugf("send to %s failed: %s", connection.id(), failure.getMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!connection.isClosed()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
