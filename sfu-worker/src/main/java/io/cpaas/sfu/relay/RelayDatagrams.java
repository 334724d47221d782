package io.cpaas.sfu.relay;

import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.transport.DatagramHandler;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;

/**
 * Plugs the relay into the media path: relay datagrams (first byte 0xFF) from the shared UDP port
 * go to the origin side (hellos, feedback from edges) or the edge side (media from origins), and
 * every forwardable packet of a room goes to its edges.
 */
@ApplicationScoped
@Startup
public class RelayDatagrams implements DatagramHandler {

    private final OriginRelay origin;
    private final EdgeRelay edge;
    private final RelayCounters counters;

    public RelayDatagrams(MediaRouter router, OriginRelay origin, EdgeRelay edge, RelayCounters counters) {
        this.origin = origin;
        this.edge = edge;
        this.counters = counters;
        router.relayOutlet(origin);
        router.relayDatagrams(this);
    }

    @Override
    public void onDatagram(byte[] buf, int len, InetSocketAddress source) {
        if (len < RelayCipher.OVERHEAD) {
            counters.datagramRefused();
            return;
        }
        switch (RelayCipher.typeOf(buf)) {
            case RelayCipher.MEDIA -> edge.onMedia(buf, len);
            case RelayCipher.FEEDBACK, RelayCipher.HELLO -> origin.onDatagram(buf, len, source);
            default -> counters.datagramRefused();
        }
    }
}
