package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.putU16;
import static io.cpaas.sfu.rtcp.RtcpHeader.putU24;

import io.cpaas.sfu.rtp.SequenceNumberUnwrapper;
import java.util.Arrays;

/**
 * Records the arrival of a publisher's packets by transport-wide sequence number and writes the
 * transport-cc feedback (see {@link TransportCcFeedback} for the layout) that Chromium's send-side
 * bandwidth estimator needs to ramp its bitrate up.
 *
 * <h2>What goes into a feedback packet</h2>
 * <ul>
 *   <li>It covers every sequence number from the first not yet reported up to the highest received
 *       (leading and inner gaps as "not received"), unless the size limit or the 16-bit delta range
 *       ends it earlier; the rest waits for the next {@link #build} call.</li>
 *   <li>The reference time is the first received packet's arrival rounded down to 64 ms. Each
 *       received packet's delta is its arrival minus the previous received packet's <em>encoded</em>
 *       arrival (the reference time for the first), rounded to 250 µs, so rounding errors never
 *       accumulate. A delta in 0..255 ticks is small (1 byte), anything else, negative included, is
 *       large (2 bytes, signed); one beyond ±8.19 s ends the packet before that packet.</li>
 *   <li>A packet arriving late, after its number was reported missing, moves the next report back
 *       to it, so it is reported again as received (libwebrtc's receiver does the same, and its
 *       sender accepts it). Duplicates keep their first arrival time.</li>
 *   <li>Chunks: a run of 14 or more equal symbols (or of 7 or more when the next 14 hold a large
 *       delta) becomes a run-length chunk (up to 8191); otherwise 14 one-bit symbols if none of them
 *       is a large delta, else 7 two-bit symbols. Unused trailing symbols of the last vector chunk
 *       are 0 and lie beyond the status count.</li>
 *   <li>The packet is padded to 32 bits with zeros, the P bit set and the last byte holding the
 *       padding length, as libwebrtc writes it.</li>
 * </ul>
 * The caller sends feedback periodically (libwebrtc's receiver does every 50–100 ms, and at least
 * once per 250 packets), calling {@link #build} until it returns 0.
 *
 * <p>All storage is allocated up front; not thread-safe (one instance per publisher transport).
 */
public final class TransportCcFeedbackBuilder {

    /** Default number of sequence numbers remembered: a few seconds at several hundred packets/s. */
    public static final int DEFAULT_CAPACITY = 4096;
    /** Smallest {@code maxLength} {@link #build} accepts: header, one chunk, one large delta, padding. */
    public static final int MIN_PACKET_LENGTH = 28;

    private static final int MAX_RUN_LENGTH = 0x1FFF;

    private final int mask;
    private final long[] slotSeq;
    private final long[] arrivalMicros;
    private final byte[] symbols;
    private final short[] deltas;
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

    private boolean started;
    private long nextToReport;
    private long highest;
    private int feedbackPacketCount;
    private long received;
    private long tooOld;

    public TransportCcFeedbackBuilder() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity sequence numbers remembered, a power of two up to 32768 */
    public TransportCcFeedbackBuilder(int capacity) {
        if (capacity < 16 || capacity > 32768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 16..32768, was " + capacity);
        }
        this.mask = capacity - 1;
        this.slotSeq = new long[capacity];
        this.arrivalMicros = new long[capacity];
        this.symbols = new byte[capacity];
        this.deltas = new short[capacity];
        Arrays.fill(slotSeq, Long.MIN_VALUE);
    }

    /**
     * Records that the packet with transport-wide sequence number {@code transportSequenceNumber}
     * (from {@code RtpPacket.transportSequenceNumber}) arrived at {@code arrivalMicros} on a
     * monotonic clock.
     */
    public void onPacketReceived(int transportSequenceNumber, long arrivalMicros) {
        long ext = unwrapper.unwrap(transportSequenceNumber);
        int capacity = slotSeq.length;
        if (!started) {
            started = true;
            nextToReport = ext;
            highest = ext;
        } else if (ext > highest) {
            highest = ext;
        } else if (ext <= highest - capacity) {
            tooOld++;
            return;
        }
        int slot = (int) (ext & mask);
        if (slotSeq[slot] == ext) {
            return; // duplicate
        }
        slotSeq[slot] = ext;
        this.arrivalMicros[slot] = arrivalMicros;
        received++;
        if (ext < nextToReport) {
            nextToReport = ext;
        }
        if (highest - nextToReport >= capacity) {
            nextToReport = highest - capacity + 1;
        }
    }

    /** Whether some received packet has not been reported yet. */
    public boolean hasPending() {
        return started && nextToReport <= highest;
    }

    /**
     * Writes one feedback packet of at most {@code maxLength} bytes (e.g. 1200 to stay under the
     * MTU with SRTCP overhead) at {@code off}, covering what is pending, and marks it reported.
     *
     * @param mediaSsrc the "media source" SSRC of the common header; the draft leaves it unused,
     *     libwebrtc puts one of the sender's media SSRCs there
     * @return the packet's length, or 0 when nothing is pending
     */
    public int build(byte[] buf, int off, int maxLength, int senderSsrc, int mediaSsrc) {
        if (maxLength < MIN_PACKET_LENGTH) {
            throw new IllegalArgumentException("maxLength must be at least " + MIN_PACKET_LENGTH + ", was " + maxLength);
        }
        if (!hasPending()) {
            return 0;
        }
        RtcpHeader.requireCapacity(buf, off, MIN_PACKET_LENGTH, "a transport-cc feedback");
        int limit = Math.min(maxLength, buf.length - off);
        long base = nextToReport;

        long firstArrival = 0;
        for (long s = base; s <= highest; s++) {
            int slot = (int) (s & mask);
            if (slotSeq[slot] == s) {
                firstArrival = arrivalMicros[slot];
                break;
            }
        }
        long referenceTicks = Math.floorDiv(firstArrival, TransportCcFeedback.REFERENCE_TICK_MICROS);
        long previous = referenceTicks * TransportCcFeedback.REFERENCE_TICK_MICROS;

        int count = 0;
        int deltaBytes = 0;
        for (long s = base; s <= highest && count < 0xFFFF; s++) {
            int slot = (int) (s & mask);
            int symbol = TransportCcFeedback.NOT_RECEIVED;
            long ticks = 0;
            if (slotSeq[slot] == s) {
                ticks = Math.floorDiv(arrivalMicros[slot] - previous + TransportCcFeedback.DELTA_TICK_MICROS / 2,
                        TransportCcFeedback.DELTA_TICK_MICROS);
                if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
                    break;
                }
                symbol = ticks >= 0 && ticks <= 0xFF ? TransportCcFeedback.SMALL_DELTA : TransportCcFeedback.LARGE_DELTA;
            }
            int chunkBound = 2 * ((count + 1 + 6) / 7);
            if (TransportCcFeedback.CHUNKS_START + chunkBound + deltaBytes + symbol + 3 > limit) {
                break;
            }
            symbols[count] = (byte) symbol;
            deltas[count] = (short) ticks;
            deltaBytes += symbol;
            if (symbol != TransportCcFeedback.NOT_RECEIVED) {
                previous += ticks * TransportCcFeedback.DELTA_TICK_MICROS;
            }
            count++;
        }

        int p = off + TransportCcFeedback.CHUNKS_START;
        p = writeChunks(buf, p, count);
        for (int i = 0; i < count; i++) {
            if (symbols[i] == TransportCcFeedback.SMALL_DELTA) {
                buf[p++] = (byte) deltas[i];
            } else if (symbols[i] == TransportCcFeedback.LARGE_DELTA) {
                putU16(buf, p, deltas[i]);
                p += 2;
            }
        }
        int padding = (4 - ((p - off) & 3)) & 3;
        for (int i = 0; i < padding; i++) {
            buf[p++] = 0;
        }
        int length = p - off;
        if (padding > 0) {
            buf[p - 1] = (byte) padding;
        }
        FeedbackPacket.writeCommon(buf, off, RtcpHeader.FMT_TRANSPORT_CC, RtcpHeader.RTPFB, length, senderSsrc,
                mediaSsrc);
        if (padding > 0) {
            buf[off] |= 0x20;
        }
        putU16(buf, off + 12, (int) (base & 0xFFFF));
        putU16(buf, off + 14, count);
        putU24(buf, off + 16, (int) (referenceTicks & 0xFFFFFF));
        buf[off + 19] = (byte) feedbackPacketCount;
        feedbackPacketCount = (feedbackPacketCount + 1) & 0xFF;
        nextToReport = base + count;
        return length;
    }

    private int writeChunks(byte[] buf, int p, int count) {
        int i = 0;
        while (i < count) {
            byte symbol = symbols[i];
            int run = 1;
            while (i + run < count && symbols[i + run] == symbol && run < MAX_RUN_LENGTH) {
                run++;
            }
            int window = Math.min(14, count - i);
            boolean windowHasLarge = false;
            for (int k = i; k < i + window; k++) {
                if (symbols[k] == TransportCcFeedback.LARGE_DELTA) {
                    windowHasLarge = true;
                    break;
                }
            }
            if (run >= 14 || run == count - i || (windowHasLarge && run >= 7)) {
                putU16(buf, p, (symbol << 13) | run);
                i += run;
            } else if (!windowHasLarge) {
                int chunk = 0x8000;
                for (int k = 0; k < window; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
                putU16(buf, p, chunk);
                i += window;
            } else {
                int n = Math.min(7, count - i);
                int chunk = 0xC000;
                for (int k = 0; k < n; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
                putU16(buf, p, chunk);
                i += n;
            }
            p += 2;
        }
        return p;
    }

    /** Feedback packets written so far, modulo 256: the next packet's feedback packet count. */
    public int feedbackPacketCount() {
        return feedbackPacketCount;
    }

    /** Distinct packets recorded. */
    public long receivedCount() {
        return received;
    }

    /** Packets ignored because they were older than the remembered window. */
    public long tooOldCount() {
        return tooOld;
    }
}
