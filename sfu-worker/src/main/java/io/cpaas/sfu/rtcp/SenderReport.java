package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.i64;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI64;

/**
 * Sender report (RFC 3550 §6.4.1, PT 200): sender info plus report blocks. The worker sends one
 * per forwarded stream toward each subscriber, with the rewritten SSRC and RTP timestamp, so the
 * browser can sync audio and video and compute remote statistics.
 *
 * <pre>
 *  header (RC = report count) | SSRC of sender
 *  NTP timestamp (64) | RTP timestamp | sender's packet count | sender's octet count
 *  report blocks (24 bytes each)
 * </pre>
 */
public final class SenderReport {

    public static final int SENDER_INFO_END = 28;

    private SenderReport() {
    }

    /** Whether a packet of {@code len} bytes (padding excluded) holds the info and its blocks. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= SENDER_INFO_END + ReportBlock.LENGTH * RtcpHeader.countOrFormat(buf, off);
    }

    /** Bytes of an SR with {@code reportCount} blocks. */
    public static int length(int reportCount) {
        return SENDER_INFO_END + ReportBlock.LENGTH * reportCount;
    }

    public static int senderSsrc(byte[] buf, int off) {
        return i32(buf, off + 4);
    }

    /** NTP timestamp, 32.32 fixed-point seconds since 1900. */
    public static long ntpTimestamp(byte[] buf, int off) {
        return i64(buf, off + 8);
    }

    public static int rtpTimestamp(byte[] buf, int off) {
        return i32(buf, off + 16);
    }

    public static int packetCount(byte[] buf, int off) {
        return i32(buf, off + 20);
    }

    public static int octetCount(byte[] buf, int off) {
        return i32(buf, off + 24);
    }

    public static int reportCount(byte[] buf, int off) {
        return RtcpHeader.countOrFormat(buf, off);
    }

    /** Absolute offset of report block {@code index}, for {@link ReportBlock}. */
    public static int reportBlockOffset(int off, int index) {
        return off + SENDER_INFO_END + ReportBlock.LENGTH * index;
    }

    /**
     * The RTP timestamp a sender's clock shows at NTP time {@code ntp}, extrapolated from the mapping
     * one of its SRs gave ({@code referenceNtp} ↔ {@code referenceRtpTimestamp}): how an SFU keeps a
     * forwarded stream's reports on the publisher's timeline, so receivers can sync its audio and video.
     */
    public static int rtpTimestampAt(long ntp, long referenceNtp, int referenceRtpTimestamp, int clockRate) {
        long micros = NtpTime.toNanos(ntp - referenceNtp) / 1_000;
        return referenceRtpTimestamp + (int) (micros * clockRate / 1_000_000);
    }

    /**
     * Writes the header and sender info of an SR announcing {@code reportCount} blocks (0–31); the
     * caller then writes each block with {@link ReportBlock#write} at {@link #reportBlockOffset}.
     *
     * @return the packet's total length, {@link #length(int)}
     */
    public static int write(byte[] buf, int off, int senderSsrc, long ntpTimestamp, int rtpTimestamp,
            int packetCount, int octetCount, int reportCount) {
        if (reportCount < 0 || reportCount > 31) {
            throw new IllegalArgumentException("an SR carries 0..31 report blocks, not " + reportCount);
        }
        int length = length(reportCount);
        RtcpHeader.requireCapacity(buf, off, length, "an SR");
        RtcpHeader.write(buf, off, reportCount, RtcpHeader.SR, length);
        putI32(buf, off + 4, senderSsrc);
        putI64(buf, off + 8, ntpTimestamp);
        putI32(buf, off + 16, rtpTimestamp);
        putI32(buf, off + 20, packetCount);
        putI32(buf, off + 24, octetCount);
        return length;
    }
}
