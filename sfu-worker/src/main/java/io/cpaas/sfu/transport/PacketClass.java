package io.cpaas.sfu.transport;

/** What a datagram on the shared port carries, from its first byte (RFC 7983 §7). */
public enum PacketClass {
    STUN, DTLS, RTP, RTCP, UNKNOWN;

    public static PacketClass of(byte[] buf, int len) {
        if (len < 2) {
            return UNKNOWN;
        }
        int first = buf[0] & 0xFF;
        if (first <= 3) {
            return STUN;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first >= 128 && first <= 191) {
            int second = buf[1] & 0xFF;
            // With rtcp-mux, RTCP packet types 192-223 share the port (RFC 5761 §4).
            return second >= 192 && second <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
