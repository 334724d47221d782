package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTests {

    /** An arbitrary monotonic clock origin: statistics must not depend on where nanoTime starts. */
    private static final long T0 = 987_654_321_000L;
    private static final long MS = 1_000_000L;

    private final byte[] buf = new byte[64];

    private static long at(double millis) {
        return T0 + Math.round(millis * MS);
    }

    /**
     * RFC 3550 A.8 at 8 kHz (one unit = 125 µs), 20 ms audio packets (160 units apart):
     *
     * <pre>
     *  seq  ts    arrival   units  transit  D    J×16 (J += D - (J+8)>>4)   J   (A.8 in floating point)
     *  0    0     0 ms      0      0        -    0                          0
     *  1    160   20 ms     160    0        0    0                          0   0
     *  2    320   45 ms     360    40       40   40                         2   2.50
     *  3    480   60 ms     480    0        40   77                         4   4.84
     *  4    640   80 ms     640    0        0    72                         4   4.54
     *  5    800   110 ms    880    80       80   147                        9   9.26
     *  7    1120  140 ms    1120   0        80   218                        13  13.68
     *  6    960   141 ms    (reordered: not counted)                        13
     * </pre>
     */
    @Test
    void computesInterarrivalJitterAsRfc3550AppendixA8ForAHandComputedSequence() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        int[][] packets = {{0, 0, 0}, {1, 160, 20}, {2, 320, 45}, {3, 480, 60}, {4, 640, 80}, {5, 800, 110}, {7, 1120, 140}, {6, 960, 141}};
        int[] expected = {0, 0, 2, 4, 4, 9, 13, 13};
        for (int i = 0; i < packets.length; i++) {
            stats.onPacket(packets[i][0], packets[i][1], at(packets[i][2]));
            assertEquals(expected[i], stats.jitter(), "jitter after seq " + packets[i][0]);
        }
    }

    @Test
    void takesOnlyTheFirstPacketOfEachFrameForJitter() {
        ReceptionStatistics stats = new ReceptionStatistics(90_000);
        // Three 30 fps frames of 5 packets each, each frame's packets 2 ms apart: bursts are not jitter.
        for (int frame = 0; frame < 3; frame++) {
            for (int k = 0; k < 5; k++) {
                stats.onPacket(frame * 5 + k, frame * 3000, at(frame * 100.0 / 3 + 2 * k));
            }
        }
        assertEquals(0, stats.jitter());
    }

    @Test
    void ignoresATimestampJumpOfFiveSecondsOrMore() {
        ReceptionStatistics stats = new ReceptionStatistics(90_000);
        stats.onPacket(1, 0, at(0));
        stats.onPacket(2, 3000, at(33.333));
        stats.onPacket(3, 3000 + 10 * 90_000, at(66.667)); // the sender restarted its clock
        assertEquals(0, stats.jitter());
    }

    @Test
    void reportsFractionAndCumulativeLossAcrossASequenceWrap() {
        ReceptionStatistics stats = new ReceptionStatistics(90_000);
        int[] received = {65530, 65531, 65533, 65534, 65535, 0, 3}; // 65532, 1 and 2 lost
        for (int i = 0; i < received.length; i++) {
            stats.onPacket(received[i], 3000 * i, at(10 * i));
        }
        assertEquals(10, stats.expected());
        assertEquals(7, stats.received());
        assertEquals(3, stats.cumulativeLost());
        assertEquals(0x1_0003, stats.extendedHighestSequenceNumber());

        stats.writeReportBlock(buf, 0, 0x11223344, at(100));
        assertEquals(0x11223344, ReportBlock.ssrc(buf, 0));
        assertEquals(3 * 256 / 10, ReportBlock.fractionLost(buf, 0));
        assertEquals(3, ReportBlock.cumulativeLost(buf, 0));
        assertEquals(0x1_0003, ReportBlock.extendedHighestSequenceNumber(buf, 0));

        for (int seq = 4; seq <= 7; seq++) {
            stats.onPacket(seq, 30_000 + seq, at(200 + seq));
        }
        stats.writeReportBlock(buf, 0, 0x11223344, at(300));
        assertEquals(0, ReportBlock.fractionLost(buf, 0), "nothing lost since the previous report");
        assertEquals(3, ReportBlock.cumulativeLost(buf, 0), "the earlier losses stay counted");
        assertEquals(0x1_0007, ReportBlock.extendedHighestSequenceNumber(buf, 0));
    }

    @Test
    void countsDuplicatesSoCumulativeLossCanGoNegative() {
        ReceptionStatistics stats = new ReceptionStatistics(48_000);
        stats.onPacket(10, 0, at(0));
        stats.onPacket(11, 960, at(20));
        stats.onPacket(11, 960, at(21));
        stats.onPacket(11, 960, at(22));
        stats.writeReportBlock(buf, 0, 1, at(30));
        assertEquals(-2, ReportBlock.cumulativeLost(buf, 0));
        assertEquals(0, ReportBlock.fractionLost(buf, 0), "more received than expected is no loss");
    }

    @Test
    void countsAPacketReorderedAheadOfTheFirstAsExpected() {
        ReceptionStatistics stats = new ReceptionStatistics(48_000);
        stats.onPacket(100, 960, at(0));
        stats.onPacket(98, 0, at(1)); // 99 still missing
        assertEquals(3, stats.expected());
        assertEquals(1, stats.cumulativeLost());
    }

    @Test
    void writesLsrAndDlsrFromTheSendersLastReport() {
        ReceptionStatistics stats = new ReceptionStatistics(90_000);
        stats.onPacket(1, 0, at(0));
        stats.writeReportBlock(buf, 0, 1, at(10));
        assertEquals(0, ReportBlock.lastSenderReport(buf, 0), "no SR yet: LSR 0");
        assertEquals(0, ReportBlock.delaySinceLastSenderReport(buf, 0), "no SR yet: DLSR 0");

        stats.onSenderReport(0xAABBCCDD_EEFF0011L, at(1_000));
        stats.writeReportBlock(buf, 0, 1, at(2_500));
        assertEquals(0xCCDDEEFF, ReportBlock.lastSenderReport(buf, 0), "the middle 32 bits of its NTP time");
        assertEquals(98_304, ReportBlock.delaySinceLastSenderReport(buf, 0), "1.5 s in 1/65536 s");
    }

    @Test
    void roundTripsAReceiverReportThroughTheCompoundIterator() {
        ReceptionStatistics audio = new ReceptionStatistics(48_000);
        ReceptionStatistics video = new ReceptionStatistics(90_000);
        for (int i = 0; i < 50; i++) {
            audio.onPacket(1000 + i, 960 * i, at(20 * i + (i % 3)));
            if (i % 10 != 5) { // 10 % of video lost
                video.onPacket(i, 3000 * (i / 3), at(11 * i));
            }
        }
        video.onSenderReport(0x0123456789ABCDEFL, at(900));
        int length = ReceiverReport.write(buf, 0, 1, 2);
        audio.writeReportBlock(buf, ReceiverReport.reportBlockOffset(0, 0), 0xA0D10, at(1_000));
        video.writeReportBlock(buf, ReceiverReport.reportBlockOffset(0, 1), 0x71DE0, at(1_000));

        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(buf, 0, length);
        assertTrue(it.next());
        assertEquals(RtcpHeader.RR, it.packetType());
        assertEquals(56, it.length());
        assertEquals(1, ReceiverReport.senderSsrc(buf, 0));
        assertEquals(2, ReceiverReport.reportCount(buf, 0));
        int a = ReceiverReport.reportBlockOffset(0, 0);
        int v = ReceiverReport.reportBlockOffset(0, 1);
        assertEquals(0xA0D10, ReportBlock.ssrc(buf, a));
        assertEquals(0, ReportBlock.fractionLost(buf, a));
        assertEquals(1049, ReportBlock.extendedHighestSequenceNumber(buf, a));
        assertEquals(audio.jitter(), ReportBlock.jitter(buf, a));
        assertTrue(audio.jitter() > 0, "arrivals were uneven");
        assertEquals(0x71DE0, ReportBlock.ssrc(buf, v));
        assertEquals(5 * 256 / 50, ReportBlock.fractionLost(buf, v), "5 of 50 (seq 49 is the highest) lost");
        assertEquals(5, ReportBlock.cumulativeLost(buf, v));
        assertEquals(0x456789AB, ReportBlock.lastSenderReport(buf, v));
        assertEquals(6553, ReportBlock.delaySinceLastSenderReport(buf, v), "0.1 s, rounded down");
        assertFalse(it.next());
    }

    @Test
    void refusesAClockRateThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new ReceptionStatistics(0));
    }
}
