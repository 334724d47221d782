package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putU24;
import static io.cpaas.sfu.rtcp.RtcpHeader.u24;
import static io.cpaas.sfu.rtcp.RtcpHeader.u8;

/**
 * One 24-byte reception report block inside an SR or RR (RFC 3550 §6.4.1), read and written in
 * place at an absolute offset ({@link SenderReport#reportBlockOffset}, {@link ReceiverReport#reportBlockOffset}).
 *
 * <pre>
 *  SSRC of the reported source
 *  fraction lost(8) | cumulative number of packets lost(24, signed)
 *  extended highest sequence number received
 *  interarrival jitter
 *  last SR (LSR): middle 32 bits of the last SR's NTP timestamp
 *  delay since last SR (DLSR), in 1/65536 s
 * </pre>
 */
public final class ReportBlock {

    public static final int LENGTH = 24;

    private ReportBlock() {
    }

    public static int ssrc(byte[] buf, int block) {
        return i32(buf, block);
    }

    /** Fraction of packets lost since the previous report, in 1/256. */
    public static int fractionLost(byte[] buf, int block) {
        return u8(buf, block + 4);
    }

    /** Packets lost since the start, signed 24 bits (duplicates can make it negative). */
    public static int cumulativeLost(byte[] buf, int block) {
        return (u24(buf, block + 5) << 8) >> 8;
    }

    public static int extendedHighestSequenceNumber(byte[] buf, int block) {
        return i32(buf, block + 8);
    }

    public static int jitter(byte[] buf, int block) {
        return i32(buf, block + 12);
    }

    public static int lastSenderReport(byte[] buf, int block) {
        return i32(buf, block + 16);
    }

    public static int delaySinceLastSenderReport(byte[] buf, int block) {
        return i32(buf, block + 20);
    }

    /**
     * Writes a block at {@code block}; {@code cumulativeLost} is clamped to the signed 24-bit range.
     *
     * @return the offset just after the block
     */
    public static int write(byte[] buf, int block, int ssrc, int fractionLost, int cumulativeLost,
            int extendedHighestSequenceNumber, int jitter, int lastSenderReport, int delaySinceLastSenderReport) {
        RtcpHeader.requireCapacity(buf, block, LENGTH, "a report block");
        int lost = Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost));
        putI32(buf, block, ssrc);
        buf[block + 4] = (byte) fractionLost;
        putU24(buf, block + 5, lost & 0xFFFFFF);
        putI32(buf, block + 8, extendedHighestSequenceNumber);
        putI32(buf, block + 12, jitter);
        putI32(buf, block + 16, lastSenderReport);
        putI32(buf, block + 20, delaySinceLastSenderReport);
        return block + LENGTH;
    }
}
