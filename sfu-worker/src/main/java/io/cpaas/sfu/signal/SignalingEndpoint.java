package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.config.WorkerConfig;
import io.cpaas.sfu.pool.SpentTickets;
import io.cpaas.sfu.pool.TicketVerifier;
import io.cpaas.sfu.room.RoomRegistry;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The signaling WebSocket at /rtc: one {@link SignalingSession} per connection. */
@WebSocket(path = "/rtc")
public class SignalingEndpoint {

    private final ObjectMapper json;
    private final TicketVerifier tickets;
    private final RoomRegistry rooms;
    private final MediaSignaling media;
    private final Map<String, SignalingSession> sessions = new ConcurrentHashMap<>();
    private final SpentTickets spentTickets;
    private final Duration silenceTimeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "signaling-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public SignalingEndpoint(ObjectMapper json, TicketVerifier tickets, SpentTickets spentTickets, RoomRegistry rooms,
                             MediaSignaling media, WorkerConfig config) {
        this.json = json;
        this.tickets = tickets;
        this.spentTickets = spentTickets;
        this.rooms = rooms;
        this.media = media;
        this.silenceTimeout = config.signalingTimeout();
        long check = Math.max(1_000, silenceTimeout.toMillis() / 6);
        deadlines.scheduleWithFixedDelay(this::closeSilentSessions, check, check, TimeUnit.MILLISECONDS);
    }

    private void closeSilentSessions() {
        for (SignalingSession session : sessions.values()) {
            try {
                session.closeIfSilent(silenceTimeout);
            } catch (RuntimeException e) {
                // one session's trouble must not stop the sweep for the others
            }
        }
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        SignalingSession session = new SignalingSession(json, tickets, spentTickets, rooms, media,
                new WebSocketChannel(connection, json));
        sessions.put(connection.id(), session);
        deadlines.schedule(session::closeIfNotJoined, SignalingSession.JOIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
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
