package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.pool.TicketVerifier;
import io.cpaas.sfu.room.RoomRegistry;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The signaling WebSocket at /rtc: one {@link SignalingSession} per connection. */
@WebSocket(path = "/rtc")
public class SignalingEndpoint {

    private final ObjectMapper json;
    private final TicketVerifier tickets;
    private final RoomRegistry rooms;
    private final MediaSignaling media;
    private final Map<String, SignalingSession> sessions = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService joinDeadlines =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "signaling-join-deadline");
                thread.setDaemon(true);
                return thread;
            });

    public SignalingEndpoint(ObjectMapper json, TicketVerifier tickets, RoomRegistry rooms, MediaSignaling media) {
        this.json = json;
        this.tickets = tickets;
        this.rooms = rooms;
        this.media = media;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        SignalingSession session = new SignalingSession(json, tickets, rooms, media, new WebSocketChannel(connection, json));
        sessions.put(connection.id(), session);
        joinDeadlines.schedule(session::closeIfNotJoined, SignalingSession.JOIN_DEADLINE.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @OnTextMessage
    public void message(String text, WebSocketConnection connection) {
        SignalingSession session = sessions.get(connection.id());
        if (session != null) {
            session.onMessage(text);
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        SignalingSession session = sessions.remove(connection.id());
        if (session != null) {
            session.onClose();
        }
    }
}
