package io.cpaas.sfu.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.signal.SignalChannel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The origin's side of one edge's relay of one room. Its tap is a hidden participant of the room
 * whose channel is the relay WebSocket: the edge hears every frame the room broadcasts (with
 * {@code relay} details added to tracks). The origin mirrors the edge's viewers as participants of
 * the room so that the hosts see them; like any viewer they are announced only to those who may
 * publish ({@link Participant#announced}), which the tap may not, so no edge hears of another's viewers,
 * nor of its own back.
 */
final class EdgeLink implements SignalChannel {

    private static final Logger LOG = Logger.getLogger(EdgeLink.class);

    private final WebSocketConnection connection;
    private final ObjectMapper json;
    private final String edgeId;
    private final RelayCipher cipher;
    private final BiFunction<Room, ObjectNode, ObjectNode> enrich;
    /** Mirrors of the edge's viewers, by sid. */
    final Map<String, Participant> viewers = new ConcurrentHashMap<>();
    private volatile Participant tap;
    private volatile Room room;
    /** Where the edge receives media: learned from its authenticated hello datagrams. */
    private volatile InetSocketAddress mediaTarget;
    /** Receive thread only. */
    final byte[] sealed = new byte[io.cpaas.sfu.transport.UdpTransport.MAX_DATAGRAM + RelayCipher.OVERHEAD];

    EdgeLink(WebSocketConnection connection, ObjectMapper json, String edgeId, RelayCipher cipher,
             BiFunction<Room, ObjectNode, ObjectNode> enrich) {
        this.connection = connection;
        this.json = json;
        this.edgeId = edgeId;
        this.cipher = cipher;
        this.enrich = enrich;
    }

    String edgeId() {
        return edgeId;
    }

    RelayCipher cipher() {
        return cipher;
    }

    WebSocketConnection connection() {
        return connection;
    }

    Participant tap() {
        return tap;
    }

    Room room() {
        return room;
    }

    void joined(Participant tapParticipant, Room joinedRoom) {
        tap = tapParticipant;
        room = joinedRoom;
    }

    InetSocketAddress mediaTarget() {
        return mediaTarget;
    }

    void mediaTarget(InetSocketAddress address) {
        mediaTarget = address;
    }

    /** A frame the room sends its participants: to the edge. */
    @Override
    public void send(ObjectNode message) {
        sendRaw(enrich.apply(room, message));
    }

    void sendRaw(ObjectNode message) {
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.sendText(json.writeValueAsString(message)).subscribe().with(ignored -> { },
                    failure -> LOG.debugf("relay frame to edge %s failed: %s", edgeId, failure.getMessage()));
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
