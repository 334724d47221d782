package io.cpaas.sfu.transport;

import java.net.InetSocketAddress;

/** Receives every datagram of the media socket, on the socket's single receive thread. */
public interface DatagramHandler {

    /** {@code buf} is reused for the next datagram as soon as this returns. */
    void onDatagram(byte[] buf, int len, InetSocketAddress source);
}
