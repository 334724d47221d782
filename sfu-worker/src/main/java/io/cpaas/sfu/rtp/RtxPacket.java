package io.cpaas.sfu.rtp;

/**
 * Retransmission in the RTX payload format (RFC 4588 §4): the lost packet sent again on its own
 * SSRC, payload type and sequence numbers, so the receiver can tell repairs from originals (its
 * loss and jitter statistics and its bandwidth estimate stay right) and a late original and its
 * repair are never duplicates of one SRTP index.
 *
 * <pre>
 *  RTP header of the original, with the RTX SSRC, RTX payload type and RTX sequence number
 *  (timestamp, marker, CSRCs and header extensions unchanged)
 *  original sequence number (OSN, 16 bits) | original payload (its padding dropped)
 * </pre>
 *
 * Pure functions over byte arrays; nothing is allocated.
 */
public final class RtxPacket {

    /** Bytes an RTX packet adds to its original at most: the OSN. */
    public static final int OVERHEAD = 2;

    private RtxPacket() {
    }

    /**
     * Writes the RTX packet repairing {@code original} (a valid plain RTP packet) at {@code off}.
     *
     * @return the RTX packet's length: the original's, without its padding, plus 2
     * @throws IllegalArgumentException if the packet does not fit in {@code dst}
     */
    public static int write(RtpPacket original, byte[] dst, int off, int rtxSsrc, int rtxPayloadType, int rtxSequenceNumber) {
        if (!original.isValid()) {
            throw new IllegalArgumentException("only a valid RTP packet can be retransmitted");
        }
        if (rtxPayloadType < 0 || rtxPayloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, was " + rtxPayloadType);
        }
        int header = original.headerLength();
        int payload = original.payloadLength();
        int length = header + OVERHEAD + payload;
        if (off < 0 || length > dst.length - off) {
            throw new IllegalArgumentException("an RTX packet of " + length + " bytes does not fit at offset " + off
                    + " of a " + dst.length + "-byte buffer");
        }
        byte[] src = original.buffer();
        int from = original.offset();
        System.arraycopy(src, from, dst, off, header);
        int osn = original.sequenceNumber();
        dst[off + header] = (byte) (osn >>> 8);
        dst[off + header + 1] = (byte) osn;
        System.arraycopy(src, original.payloadOffset(), dst, off + header + OVERHEAD, payload);
        dst[off] &= (byte) ~0x20; // the original's padding is not repeated
        dst[off + 1] = (byte) ((dst[off + 1] & 0x80) | rtxPayloadType);
        dst[off + 2] = (byte) (rtxSequenceNumber >>> 8);
        dst[off + 3] = (byte) rtxSequenceNumber;
        dst[off + 8] = (byte) (rtxSsrc >>> 24);
        dst[off + 9] = (byte) (rtxSsrc >>> 16);
        dst[off + 10] = (byte) (rtxSsrc >>> 8);
        dst[off + 11] = (byte) rtxSsrc;
        return length;
    }

    /**
     * Turns a valid RTX packet back into the packet it repairs, in place (RFC 4588 §4): the header
     * moves 2 bytes on over the OSN, and takes the original's sequence number, {@code ssrc} and
     * {@code payloadType}; timestamp, marker, CSRCs, extensions and padding stay. The original then
     * starts at the returned offset, 2 bytes after {@code rtx.offset()}, and is 2 bytes shorter.
     *
     * @return the original's offset, or -1 when the packet carries no OSN (padding only: a probe)
     */
    public static int unwrap(RtpPacket rtx, int ssrc, int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, was " + payloadType);
        }
        int osn = originalSequenceNumber(rtx);
        if (osn < 0) {
            return -1;
        }
        byte[] b = rtx.buffer();
        int from = rtx.offset();
        int to = from + OVERHEAD;
        System.arraycopy(b, from, b, to, rtx.headerLength());
        b[to + 1] = (byte) ((b[to + 1] & 0x80) | payloadType);
        b[to + 2] = (byte) (osn >>> 8);
        b[to + 3] = (byte) osn;
        b[to + 8] = (byte) (ssrc >>> 24);
        b[to + 9] = (byte) (ssrc >>> 16);
        b[to + 10] = (byte) (ssrc >>> 8);
        b[to + 11] = (byte) ssrc;
        return to;
    }

    /** The original sequence number of a valid RTX packet (the first 2 payload bytes), -1 if it has none. */
    public static int originalSequenceNumber(RtpPacket rtx) {
        if (!rtx.isValid() || rtx.payloadLength() < OVERHEAD) {
            return -1;
        }
        byte[] b = rtx.buffer();
        int p = rtx.payloadOffset();
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }
}
