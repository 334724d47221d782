package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Receiving feedback and writing it allocate nothing per packet: measured with the JVM's
 * per-thread allocation counter after a warm-up.
 */
class HotPathAllocationTests {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void recordingArrivalsAndBuildingTransportCcFeedbackAllocatesNothing() {
        TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
        TransportCcFeedback decoder = new TransportCcFeedback();
        RtcpCompoundIterator it = new RtcpCompoundIterator();
        byte[] buf = new byte[1500];
        int[] seqs = {1, 2, 3, 9, 40};
        int[] lost = new int[32];
        long sink = 0;
        int seq = 0;
        for (int round = 0; round < 2; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                for (int k = 0; k < 10; k++) {
                    seq++;
                    if (seq % 13 != 0) {
                        builder.onPacketReceived(seq & 0xFFFF, seq * 2_000L);
                    }
                }
                int p = builder.build(buf, 0, 1200, 1, 2);
                p += Nack.write(buf, p, 1, 2, seqs, 0, seqs.length);
                p += Pli.write(buf, p, 1, 2);
                p += Remb.write(buf, p, 1, 1_500_000, seqs, 2);
                it.wrap(buf, 0, p);
                while (it.next()) {
                    if (it.packetType() == RtcpHeader.RTPFB && it.countOrFormat() == RtcpHeader.FMT_TRANSPORT_CC) {
                        decoder.decode(buf, it.offset(), it.length());
                        sink += decoder.statusCount();
                    } else if (it.packetType() == RtcpHeader.RTPFB) {
                        sink += Nack.lostSequenceNumbers(buf, it.offset(), it.length(), lost);
                    } else if (it.isRemb()) {
                        sink += Remb.bitrate(buf, it.offset());
                    }
                }
            }
            long allocated = allocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated");
            }
        }
        assertTrue(sink != 0);
    }

    @Test
    void countingReceivedPacketsAndWritingReportsAllocatesNothing() {
        ReceptionStatistics stats = new ReceptionStatistics(90_000);
        NtpTime clock = NtpTime.systemClock();
        byte[] buf = new byte[1500];
        long sink = 0;
        long now = System.nanoTime();
        for (int round = 0; round < 2; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < 200_000; i++) {
                now += 3_000_000;
                if (i % 50 != 7) {
                    stats.onPacket(i & 0xFFFF, (i / 4) * 3000, now);
                }
                if (i % 300 == 0) {
                    stats.onSenderReport(clock.at(now), now);
                    int p = ReceiverReport.write(buf, 0, 1, 1);
                    stats.writeReportBlock(buf, ReceiverReport.reportBlockOffset(0, 0), 2, now);
                    p += SenderReport.write(buf, p, 3, clock.at(now), SenderReport.rtpTimestampAt(clock.at(now), clock.at(now - 1), i, 90_000),
                            i, i * 1000, 0);
                    sink += p + ReportBlock.jitter(buf, ReceiverReport.reportBlockOffset(0, 0));
                }
            }
            long allocated = allocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated");
            }
        }
        assertTrue(sink != 0);
    }
}
