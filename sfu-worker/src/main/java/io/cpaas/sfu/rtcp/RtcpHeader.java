package io.cpaas.sfu.rtcp;

/**
 * The 4-byte header every RTCP packet starts with (RFC 3550 §6.4), its packet types, and the
 * big-endian field access shared by the readers and writers of this package.
 *
 * <pre>
 *  V=2|P|RC/SC/FMT(5) | PT(8) | length(16): packet length in 32-bit words minus one
 * </pre>
 */
public final class RtcpHeader {

    public static final int HEADER_LENGTH = 4;

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2): generic NACK (FMT 1), transport-cc (FMT 15). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3): PLI (FMT 1), FIR (FMT 4), REMB (FMT 15). */
    public static final int PSFB = 206;
    public static final int XR = 207;

    public static final int FMT_NACK = 1;
    public static final int FMT_TRANSPORT_CC = 15;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    /** Application layer feedback (RFC 4585 §6.4); REMB is the only one WebRTC uses. */
    public static final int FMT_AFB = 15;

    private RtcpHeader() {
    }

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xFF) >>> 6;
    }

    public static boolean padding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    /** Report count (SR, RR), source count (SDES, BYE) or feedback message type (RTPFB, PSFB). */
    public static int countOrFormat(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    public static int packetType(byte[] buf, int off) {
        return buf[off + 1] & 0xFF;
    }

    /** The packet's length in bytes, header and any padding included, from the length field. */
    public static int packetLength(byte[] buf, int off) {
        return (u16(buf, off + 2) + 1) * 4;
    }

    /**
     * Writes a header without padding for a packet of {@code length} bytes (a multiple of 4).
     */
    public static void write(byte[] buf, int off, int countOrFormat, int packetType, int length) {
        buf[off] = (byte) (0x80 | (countOrFormat & 0x1F));
        buf[off + 1] = (byte) packetType;
        putU16(buf, off + 2, length / 4 - 1);
    }

    /**
     * Throws unless {@code needed} bytes fit in {@code buf} from {@code off}: a writer's caller passed
     * a buffer too small, a programming error to fix by passing a larger one.
     */
    static void requireCapacity(byte[] buf, int off, int needed, String what) {
        if (off < 0 || needed > buf.length - off) {
            throw new IllegalArgumentException(what + " needs " + needed + " bytes at offset " + off
                    + " but the buffer holds " + buf.length + "; pass a larger buffer");
        }
    }

    static int u8(byte[] buf, int p) {
        return buf[p] & 0xFF;
    }

    static int u16(byte[] buf, int p) {
        return ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
    }

    static int u24(byte[] buf, int p) {
        return ((buf[p] & 0xFF) << 16) | ((buf[p + 1] & 0xFF) << 8) | (buf[p + 2] & 0xFF);
    }

    static int i32(byte[] buf, int p) {
        return ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8)
                | (buf[p + 3] & 0xFF);
    }

    static long i64(byte[] buf, int p) {
        return ((long) i32(buf, p) << 32) | (i32(buf, p + 4) & 0xFFFFFFFFL);
    }

    static void putU16(byte[] buf, int p, int v) {
        buf[p] = (byte) (v >>> 8);
        buf[p + 1] = (byte) v;
    }

    static void putU24(byte[] buf, int p, int v) {
        buf[p] = (byte) (v >>> 16);
        buf[p + 1] = (byte) (v >>> 8);
        buf[p + 2] = (byte) v;
    }

    static void putI32(byte[] buf, int p, int v) {
        buf[p] = (byte) (v >>> 24);
        buf[p + 1] = (byte) (v >>> 16);
        buf[p + 2] = (byte) (v >>> 8);
        buf[p + 3] = (byte) v;
    }

    static void putI64(byte[] buf, int p, long v) {
        putI32(buf, p, (int) (v >>> 32));
        putI32(buf, p + 4, (int) v);
    }
}
