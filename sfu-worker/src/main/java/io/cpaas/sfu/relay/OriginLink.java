package io.cpaas.sfu.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.sfu.room.Participant;
import java.net.InetSocketAddress;
import java.net.http.WebSocket;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * An edge's relay of one room from its origin: the WebSocket to the origin (frames in, its viewers'
 * presence out), the session key it got there, and the mirrors of the origin's participants with
 * their tracks by SSRC, for the media datagrams. {@link EdgeRelay} acts on what arrives.
 */
final class OriginLink implements WebSocket.Listener {

    private static final Logger LOG = Logger.getLogger(OriginLink.class);

    final String tenantId;
    final String room;
    final String originId;
    private final ObjectMapper json;
    private final EdgeRelay relay;
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    /** Mirrors of the origin's participants, by sid. */
    final Map<String, Participant> mirrors = new ConcurrentHashMap<>();
    /** The mirror whose track arrives with an SSRC; read by the receive thread. */
    final Map<Long, Participant> bySsrc = new ConcurrentHashMap<>();
    final Map<String, Long> ssrcOfTrack = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile RelayCipher cipher;
    private volatile InetSocketAddress originMedia;
    private volatile boolean closing;
    private volatile boolean closed;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    /** When the room last had no local participant here (0 while it has); timer thread only. */
    long idleSince;
    /** Receive thread only. */
    final byte[] opened = new byte[io.cpaas.sfu.transport.UdpTransport.MAX_DATAGRAM];

    OriginLink(String tenantId, String room, String originId, ObjectMapper json, EdgeRelay relay) {
        this.tenantId = tenantId;
        this.room = room;
        this.originId = originId;
        this.json = json;
        this.relay = relay;
    }

    RelayCipher cipher() {
        return cipher;
    }

    InetSocketAddress originMedia() {
        return originMedia;
    }

    boolean isOpen() {
        return !closed && welcomed.isDone() && !welcomed.isCompletedExceptionally();
    }

    boolean isClosed() {
        return closed;
    }

    void welcome(RelayCipher relayCipher, InetSocketAddress media) {
        cipher = relayCipher;
        originMedia = media;
    }

    /** Sends a frame; frames go out one after the other, in order. */
    synchronized void send(ObjectNode frame) {
        WebSocket ws = socket;
        if (ws == null || closed) {
            return;
        }
        String text = frame.toString();
        sending = sending.handle((ignored, failure) -> null).thenCompose(ignored -> ws.sendText(text, true));
    }

    /** Ends the relay on purpose (the room has no viewer here any more, or the origin changed). */
    void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null && !closed) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "no viewers").exceptionally(failure -> null);
        }
        lost(WebSocket.NORMAL_CLOSURE);
    }

    /** The WebSocket is open (its builder's answer; {@link #onOpen} may come first or not). */
    void opened(WebSocket webSocket) {
        socket = webSocket;
    }

    /** The WebSocket could not be opened. */
    void failed(Throwable failure) {
        welcomed.completeExceptionally(failure);
        lost(1006);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (partial.length() > 1024 * 1024) {
            webSocket.abort();
            lost(WebSocket.NORMAL_CLOSURE);
            return null;
        }
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode frame = json.readTree(text);
                if (frame != null && frame.isObject()) {
                    relay.onFrame(this, (ObjectNode) frame);
                }
            } catch (Exception e) {
                LOG.warnf("relay frame from origin %s refused: %s", originId, e.getMessage());
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lost(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.debugf("relay from origin %s failed: %s", originId, error.getMessage());
        lost(1006);
    }

    private void lost(int code) {
        if (closed) {
            return;
        }
        closed = true;
        welcomed.completeExceptionally(new IllegalStateException("the relay from origin " + originId + " closed (" + code + ")"));
        relay.linkLost(this, closing, code);
    }

    static byte[] key(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
