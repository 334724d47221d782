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
}
