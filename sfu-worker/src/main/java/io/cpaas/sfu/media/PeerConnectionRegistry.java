package io.cpaas.sfu.media;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the peer connection a datagram belongs to: by our ICE ufrag for STUN (before we know the
 * peer's address), by the latched remote address for everything else.
 */
final class PeerConnectionRegistry {

    private final Map<String, PeerConnection> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, PeerConnection> byAddress = new ConcurrentHashMap<>();

    void add(PeerConnection connection) {
        byUfrag.put(connection.localIce().ufrag(), connection);
    }

    void bind(InetSocketAddress address, PeerConnection connection, InetSocketAddress previous) {
        if (previous != null && !previous.equals(address)) {
            byAddress.remove(previous, connection);
        }
        byAddress.put(address, connection);
    }

    void remove(PeerConnection connection, InetSocketAddress address) {
        byUfrag.remove(connection.localIce().ufrag(), connection);
        if (address != null) {
            byAddress.remove(address, connection);
        }
    }

    PeerConnection byUfrag(String ufrag) {
        return ufrag == null ? null : byUfrag.get(ufrag);
    }

    PeerConnection byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    int size() {
        return byUfrag.size();
    }

    /** Remote addresses latched by ICE: only authenticated peers get one, so floods cannot grow it. */
    int latchedAddresses() {
        return byAddress.size();
    }
}
