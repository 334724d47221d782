package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;

/**
 * Receiver report (RFC 3550 §6.4.2, PT 201): the reporter's SSRC and report blocks. The worker
 * sends these to publishers about the streams it receives.
 */
public final class ReceiverReport {

    public static final int BLOCKS_START = 8;

    private ReceiverReport() {
    }

    /** Whether a packet of {@code len} bytes (padding excluded) holds its report blocks. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= BLOCKS_START + ReportBlock.LENGTH * RtcpHeader.countOrFormat(buf, off);
    }

    public static int length(int reportCount) {
        return BLOCKS_START + ReportBlock.LENGTH * reportCount;
    }

    public static int senderSsrc(byte[] buf, int off) {
        return i32(buf, off + 4);
    }

    public static int reportCount(byte[] buf, int off) {
        return RtcpHeader.countOrFormat(buf, off);
    }

    public static int reportBlockOffset(int off, int index) {
        return off + BLOCKS_START + ReportBlock.LENGTH * index;
    }

    /**
     * Writes the header of an RR announcing {@code reportCount} blocks (0–31); the caller then
     * writes each block with {@link ReportBlock#write} at {@link #reportBlockOffset}.
     *
     * @return the packet's total length
     */
    public static int write(byte[] buf, int off, int senderSsrc, int reportCount) {
        if (reportCount < 0 || reportCount > 31) {
            throw new IllegalArgumentException("an RR carries 0..31 report blocks, not " + reportCount);
        }
        int length = length(reportCount);
        RtcpHeader.requireCapacity(buf, off, length, "an RR");
        RtcpHeader.write(buf, off, reportCount, RtcpHeader.RR, length);
        putI32(buf, off + 4, senderSsrc);
        return length;
    }
}
