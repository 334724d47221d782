package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.u16;
import static io.cpaas.sfu.rtcp.RtcpHeader.u24;
import static io.cpaas.sfu.rtcp.RtcpHeader.u8;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1, RTPFB FMT 15): which transport-wide sequence numbers arrived, and when.
 *
 * <pre>
 *  common feedback header (12 bytes)
 *  base sequence number(16) | packet status count(16)
 *  reference time(24, in 64 ms) | feedback packet count(8)
 *  packet chunks(16 each) ... then receive deltas (8 or 16 bits each, in 250 µs) ... zero padding
 *
 *  run length chunk:    0 | S(2) | run length(13)
 *  status vector chunk: 1 | 0 | 14 one-bit symbols (0 not received, 1 received small delta)
 *                       1 | 1 | 7 two-bit symbols
 *  symbols: 00 not received, 01 received with a small delta (unsigned 8 bits),
 *           10 received with a large or negative delta (signed 16 bits), 11 reserved
 * </pre>
 *
 * The static accessors read the fixed fields of any packet the {@link RtcpCompoundIterator} accepted.
 * An instance is a reusable decoder of the full packet ({@link #decode}): its arrays grow to the
 * largest status count seen and are then reused, so steady-state decoding allocates nothing.
 * Like libwebrtc, a packet whose bytes end before its receive deltas is accepted as feedback
 * without timestamps ({@link #hasReceiveDeltas()} false); a reserved symbol makes it malformed.
 */
public final class TransportCcFeedback {

    /** Fixed part: common feedback header plus base, count, reference time and feedback count. */
    public static final int CHUNKS_START = 20;
    /** Receive delta unit, microseconds. */
    public static final int DELTA_TICK_MICROS = 250;
    /** Reference time unit, microseconds. */
    public static final int REFERENCE_TICK_MICROS = 64_000;

    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;

    private byte[] symbols = new byte[64];
    private short[] deltas = new short[64];
    private long[] arrivals = new long[64];
    private int baseSequenceNumber;
    private int statusCount;
    private int referenceTime;
    private int feedbackPacketCount;
    private boolean hasReceiveDeltas;

    /** Whether the fixed fields and at least one chunk fit in {@code len} bytes. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= CHUNKS_START + 2;
    }

    public static int baseSequenceNumber(byte[] buf, int off) {
        return u16(buf, off + 12);
    }

    public static int packetStatusCount(byte[] buf, int off) {
        return u16(buf, off + 14);
    }

    /** Reference time as the raw 24-bit field, in multiples of 64 ms. */
    public static int referenceTime(byte[] buf, int off) {
        return u24(buf, off + 16);
    }

    public static int feedbackPacketCount(byte[] buf, int off) {
        return u8(buf, off + 19);
    }

    /**
     * Decodes every status and delta of a packet of {@code len} bytes (padding excluded).
     *
     * @return false if the packet is malformed (no statuses, chunks running past the end, or a
     *     reserved symbol); the instance then holds no statuses
     */
    public boolean decode(byte[] buf, int off, int len) {
        statusCount = 0;
        hasReceiveDeltas = false;
        if (buf == null || off < 0 || len < CHUNKS_START + 2 || off > buf.length - len) {
            return false;
        }
        int count = packetStatusCount(buf, off);
        if (count == 0) {
            return false;
        }
        ensureCapacity(count);
        int end = off + len;
        int p = off + CHUNKS_START;
        int i = 0;
        while (i < count) {
            if (p + 2 > end) {
                return false;
            }
            int chunk = u16(buf, p);
            p += 2;
            if ((chunk & 0x8000) == 0) {
                byte symbol = (byte) ((chunk >>> 13) & 0x03);
                int run = Math.min(chunk & 0x1FFF, count - i);
                for (int k = 0; k < run; k++) {
                    symbols[i++] = symbol;
                }
            } else if ((chunk & 0x4000) == 0) {
                for (int k = 13; k >= 0 && i < count; k--) {
                    symbols[i++] = (byte) ((chunk >>> k) & 0x01);
                }
            } else {
                for (int k = 12; k >= 0 && i < count; k -= 2) {
                    symbols[i++] = (byte) ((chunk >>> k) & 0x03);
                }
            }
        }
        int deltaBytes = 0;
        for (int k = 0; k < count; k++) {
            if (symbols[k] == 3) {
                return false;
            }
            deltaBytes += symbols[k];
        }
        baseSequenceNumber = baseSequenceNumber(buf, off);
        referenceTime = referenceTime(buf, off);
        feedbackPacketCount = feedbackPacketCount(buf, off);
        statusCount = count;
        if (p + deltaBytes > end) {
            return true; // feedback without timestamps
        }
        hasReceiveDeltas = true;
        long time = (long) referenceTime * REFERENCE_TICK_MICROS;
        for (int k = 0; k < count; k++) {
            short delta = 0;
            if (symbols[k] == SMALL_DELTA) {
                delta = (short) u8(buf, p);
                p += 1;
            } else if (symbols[k] == LARGE_DELTA) {
                delta = (short) u16(buf, p);
                p += 2;
            }
            deltas[k] = delta;
            time += (long) delta * DELTA_TICK_MICROS;
            arrivals[k] = symbols[k] == NOT_RECEIVED ? Long.MIN_VALUE : time;
        }
        return true;
    }

    private void ensureCapacity(int count) {
        if (symbols.length < count) {
            int size = Math.max(count, symbols.length * 2);
            symbols = new byte[size];
            deltas = new short[size];
            arrivals = new long[size];
        }
    }

    /** Statuses decoded by the last successful {@link #decode}. */
    public int statusCount() {
        return statusCount;
    }

    public int baseSequenceNumber() {
        return baseSequenceNumber;
    }

    public int referenceTime() {
        return referenceTime;
    }

    public int feedbackPacketCount() {
        return feedbackPacketCount;
    }

    public boolean hasReceiveDeltas() {
        return hasReceiveDeltas;
    }

    /** Transport-wide sequence number of status {@code index}. */
    public int sequenceNumber(int index) {
        return (baseSequenceNumber + index) & 0xFFFF;
    }

    /** {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} or {@link #LARGE_DELTA}. */
    public int symbol(int index) {
        checkIndex(index);
        return symbols[index];
    }

    public boolean received(int index) {
        return symbol(index) != NOT_RECEIVED;
    }

    /** The receive delta of status {@code index} in 250 µs ticks; 0 when not received. */
    public int deltaTicks(int index) {
        checkIndex(index);
        return deltas[index];
    }

    /**
     * Arrival time of status {@code index} in microseconds on the feedback sender's clock
     * (reference time × 64 ms plus the deltas so far), or {@link Long#MIN_VALUE} when not received
     * or the packet has no deltas.
     */
    public long arrivalMicros(int index) {
        checkIndex(index);
        return hasReceiveDeltas ? arrivals[index] : Long.MIN_VALUE;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= statusCount) {
            throw new IndexOutOfBoundsException("status " + index + " of " + statusCount);
        }
    }
}
