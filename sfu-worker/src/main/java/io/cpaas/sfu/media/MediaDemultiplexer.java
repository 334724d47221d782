package io.cpaas.sfu.media;

import io.cpaas.sfu.stun.StunMessage;
import io.cpaas.sfu.stun.StunParseException;
import io.cpaas.sfu.transport.DatagramHandler;
import io.cpaas.sfu.transport.PacketClass;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * First stage of the pipeline: classifies each datagram (RFC 7983) and hands it to its peer
 * connection. Anything unclassifiable, malformed or from an unknown peer is dropped and counted.
 */
final class MediaDemultiplexer implements DatagramHandler {

    /** Why a datagram was dropped here. */
    enum Drop { UNKNOWN_CLASS, MALFORMED_STUN, UNKNOWN_UFRAG, UNKNOWN_ADDRESS }

    private final PeerConnectionRegistry connections;
    private final Map<PacketClass, LongAdder> seen = new EnumMap<>(PacketClass.class);
    private final Map<Drop, LongAdder> dropped = new EnumMap<>(Drop.class);
    private volatile DatagramHandler relay;

    MediaDemultiplexer(PeerConnectionRegistry connections) {
        this.connections = connections;
        for (PacketClass value : PacketClass.values()) {
            seen.put(value, new LongAdder());
        }
        for (Drop value : Drop.values()) {
            dropped.put(value, new LongAdder());
        }
    }

    @Override
    public void onDatagram(byte[] buf, int len, InetSocketAddress source) {
        PacketClass kind = PacketClass.of(buf, len);
        seen.get(kind).increment();
        switch (kind) {
            case STUN -> stun(buf, len, source);
            case DTLS -> {
                PeerConnection connection = known(source);
                if (connection != null) {
                    connection.onDtls(buf, 0, len);
                }
            }
            case RTP, RTCP -> {
                PeerConnection connection = known(source);
                if (connection != null) {
                    connection.onSrtp(buf, 0, len, kind == PacketClass.RTCP);
                }
            }
            default -> {
                DatagramHandler relayed = relay;
                if (relayed != null && len > 0 && buf[0] == RelayOutlet.DATAGRAM_MARKER) {
                    relayed.onDatagram(buf, len, source); // it authenticates and counts what it drops
                } else {
                    dropped.get(Drop.UNKNOWN_CLASS).increment();
                }
            }
        }
    }

    void relay(DatagramHandler handler) {
        relay = handler;
    }

    long seen(PacketClass kind) {
        return seen.get(kind).sum();
    }

    long dropped(Drop reason) {
        return dropped.get(reason).sum();
    }

    private void stun(byte[] buf, int len, InetSocketAddress source) {
        if (!StunMessage.looksLikeStun(buf, 0, len)) {
            dropped.get(Drop.MALFORMED_STUN).increment();
            return;
        }
        StunMessage message;
        try {
            message = StunMessage.parse(buf, 0, len);
        } catch (StunParseException e) {
            dropped.get(Drop.MALFORMED_STUN).increment();
            return;
        }
        PeerConnection connection = connections.byUfrag(message.localUfrag());
        if (connection == null) {
            dropped.get(Drop.UNKNOWN_UFRAG).increment();
            return;
        }
        connection.onStun(message, source);
    }

    private PeerConnection known(InetSocketAddress source) {
        PeerConnection connection = connections.byAddress(source);
        if (connection == null) {
            dropped.get(Drop.UNKNOWN_ADDRESS).increment();
        }
        return connection;
    }
}
