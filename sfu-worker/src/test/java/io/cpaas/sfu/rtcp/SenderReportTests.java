package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SenderReportTests {

    /** RFC 3550 §6.4.1 layout, one report block. */
    private static final byte[] HAND_BUILT = Hex.bytes(
            "81C8000C"     // V=2 RC=1 PT=200 length 12 words
            + "AABBCCDD"   // SSRC of sender
            + "E1234567 89ABCDEF" // NTP timestamp
            + "00015F90"   // RTP timestamp 90000
            + "00000064"   // packet count 100
            + "00002710"   // octet count 10000
            + "11223344"   // block: SSRC
            + "19FFFFFE"   // fraction 25/256, cumulative lost -2
            + "0001000A"   // extended highest seq: 1 cycle, seq 10
            + "00000020"   // jitter 32
            + "23456789"   // LSR
            + "00010000"); // DLSR 1 s

    @Test
    void readsSenderInfoAndReportBlockOfAHandBuiltReport() {
        byte[] b = HAND_BUILT;
        assertTrue(SenderReport.isValid(b, 0, b.length));
        assertEquals(0xAABBCCDD, SenderReport.senderSsrc(b, 0));
        assertEquals(0xE123456789ABCDEFL, SenderReport.ntpTimestamp(b, 0));
        assertEquals(90_000, SenderReport.rtpTimestamp(b, 0));
        assertEquals(100, SenderReport.packetCount(b, 0));
        assertEquals(10_000, SenderReport.octetCount(b, 0));
        assertEquals(1, SenderReport.reportCount(b, 0));

        int block = SenderReport.reportBlockOffset(0, 0);
        assertEquals(0x11223344, ReportBlock.ssrc(b, block));
        assertEquals(25, ReportBlock.fractionLost(b, block));
        assertEquals(-2, ReportBlock.cumulativeLost(b, block));
        assertEquals(0x1000A, ReportBlock.extendedHighestSequenceNumber(b, block));
        assertEquals(32, ReportBlock.jitter(b, block));
        assertEquals(0x23456789, ReportBlock.lastSenderReport(b, block));
        assertEquals(0x10000, ReportBlock.delaySinceLastSenderReport(b, block));
    }

    @Test
    void writesExactlyTheHandBuiltBytes() {
        byte[] out = new byte[HAND_BUILT.length];
        int length = SenderReport.write(out, 0, 0xAABBCCDD, 0xE123456789ABCDEFL, 90_000, 100, 10_000, 1);
        ReportBlock.write(out, SenderReport.reportBlockOffset(0, 0), 0x11223344, 25, -2, 0x1000A, 32, 0x23456789,
                0x10000);
        assertEquals(52, length);
        assertArrayEquals(HAND_BUILT, out);
    }

    @Test
    void roundTripsThroughTheCompoundIterator() {
        byte[] out = new byte[100];
        int length = SenderReport.write(out, 8, 1, 2L, 3, 4, 5, 0);
        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(out, 8, length);
        assertTrue(it.next());
        assertEquals(RtcpHeader.SR, it.packetType());
        assertEquals(28, it.length());
        assertEquals(3, SenderReport.rtpTimestamp(out, it.offset()));
        assertFalse(it.next());
    }

    @Test
    void clampsCumulativeLossToTwentyFourSignedBits() {
        byte[] out = new byte[24];
        ReportBlock.write(out, 0, 1, 0, 10_000_000, 0, 0, 0, 0);
        assertEquals(0x7FFFFF, ReportBlock.cumulativeLost(out, 0));
        ReportBlock.write(out, 0, 1, 0, -10_000_000, 0, 0, 0, 0);
        assertEquals(-0x800000, ReportBlock.cumulativeLost(out, 0));
    }

    @Test
    void refusesABufferTooSmallOrTooManyBlocks() {
        assertThrows(IllegalArgumentException.class, () -> SenderReport.write(new byte[40], 0, 1, 2, 3, 4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> SenderReport.write(new byte[2000], 0, 1, 2, 3, 4, 5, 32));
        byte[] untouched = new byte[10];
        assertThrows(IllegalArgumentException.class, () -> SenderReport.write(untouched, 0, 1, 2, 3, 4, 5, 0));
        assertArrayEquals(new byte[10], untouched);
        assertFalse(SenderReport.isValid(Arrays.copyOf(HAND_BUILT, 51), 0, 51));
    }

    @Test
    void mapsAnNtpTimeOntoTheSendersRtpTimelineFromItsLastReport() {
        long srNtp = 0xE123_4567_0000_0000L;
        assertEquals(90_000 + 45_000, SenderReport.rtpTimestampAt(srNtp + (1L << 31), srNtp, 90_000, 90_000), "0.5 s later");
        assertEquals(90_000 - 9_000, SenderReport.rtpTimestampAt(srNtp - NtpTime.fromNanos(100_000_000L), srNtp, 90_000, 90_000),
                "0.1 s earlier");
        assertEquals(-1 + 48_000 * 3, SenderReport.rtpTimestampAt(srNtp + (3L << 32), srNtp, -1, 48_000), "wraps modulo 2^32");
    }

    /**
     * What a subscriber needs for lip sync: an SR the worker writes on the subscriber's timeline says
     * the same time as the packets it receives. After a source switch the rewriter's offset is far from
     * zero, and the publisher's SR mapping moved through it must still land on the rewritten timestamps.
     */
    @Test
    void aPublisherSrMovedThroughTheRewritersOffsetAgreesWithTheRewrittenPackets() {
        io.cpaas.sfu.rtp.RtpRewriter rewriter = io.cpaas.sfu.rtp.RtpRewriter.forVideo(0x5EED);
        io.cpaas.sfu.rtp.RtpPacket packet = new io.cpaas.sfu.rtp.RtpPacket();
        byte[] first = rtp(0xAAAA, 100, 1_000);
        rewriter.rewrite(packet.wrap(first, 0, first.length), 0);
        // The publisher's new stream: its clock started elsewhere, and 2 s passed since the last packet.
        int publisherTs = 0x7654_3210;
        byte[] switched = rtp(0xBBBB, 9, publisherTs);
        rewriter.rewrite(packet.wrap(switched, 0, switched.length), 2_000);
        int outgoingAtSwitch = packet.timestamp();
        assertTrue(rewriter.mapTimestamp(publisherTs) == outgoingAtSwitch && outgoingAtSwitch != publisherTs, "a real offset");

        // The publisher's SR: RTP publisherTs was at NTP time srNtp. One second later a frame captured then
        // (timestamp + 90000) goes out, and the worker reports at that moment.
        long srNtp = NtpTime.fromUnixNanos(1_796_000_000_000_000_000L);
        byte[] later = rtp(0xBBBB, 40, publisherTs + 90_000);
        rewriter.rewrite(packet.wrap(later, 0, later.length), 3_000);
        int reported = rewriter.mapTimestamp(rtpTimestampAt(srNtp + (1L << 32), srNtp, publisherTs, 90_000));
        assertEquals(packet.timestamp(), reported);
    }

    private static int rtpTimestampAt(long ntp, long referenceNtp, int referenceRtp, int clockRate) {
        return SenderReport.rtpTimestampAt(ntp, referenceNtp, referenceRtp, clockRate);
    }

    private static byte[] rtp(int ssrc, int seq, int ts) {
        byte[] b = new byte[16];
        b[0] = (byte) 0x80;
        b[1] = 96;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        RtcpHeader.putI32(b, 4, ts);
        RtcpHeader.putI32(b, 8, ssrc);
        return b;
    }
}
