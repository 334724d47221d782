package io.cpaas.sfu.relay;

import io.cpaas.rest.auth.ClusterSecretGuard;
import io.cpaas.rest.problem.ProblemException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The relay's control channel on the origin: edges connect with the cluster secret (checked at the
 * handshake, like every internal API) and then speak the relay frames ({@link OriginRelay}).
 */
@WebSocket(path = "/internal/v1/relay")
public class OriginRelayEndpoint {

    static final int CLOSE_UNAUTHENTICATED = 4003;

    private final OriginRelay relay;
    private final ClusterSecretGuard guard;
    private final java.util.Set<String> authenticated = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public OriginRelayEndpoint(OriginRelay relay, ClusterSecretGuard guard) {
        this.relay = relay;
        this.guard = guard;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        try {
            guard.check(connection.handshakeRequest().header(ClusterSecretGuard.HEADER));
            authenticated.add(connection.id());
        } catch (ProblemException e) {
            connection.close(new CloseReason(CLOSE_UNAUTHENTICATED, "the relay needs the cluster secret"))
                    .subscribe().with(ignored -> { }, failure -> { });
        }
    }

    @OnTextMessage
    public void message(String text, WebSocketConnection connection) {
        if (!authenticated.contains(connection.id()) || text.length() > 64 * 1024) {
            connection.close().subscribe().with(ignored -> { }, failure -> { });
            return;
        }
        relay.onFrame(connection, text);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        authenticated.remove(connection.id());
        relay.closed(connection);
    }
}
