package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet work of this package allocates nothing: measured with the JVM's per-thread
 * allocation counter over many packets, after a warm-up, allowing a little for the measurement.
 */
class HotPathAllocationTests {

    private static final int PACKETS = 200_000;

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void parsingRewritingBufferingAndRepairingAPacketAllocatesNothing() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .element(1, (byte) 0x90).element(3, (byte) 0, (byte) 1).element(4, (byte) '0')
                .payload(new byte[] {0x10, 0x50, 0, 0, (byte) 0x9D, 1, 0x2A, 0, 0, 0, 0}).build();
        RtpPacket packet = new RtpPacket();
        RtpRewriter rewriter = RtpRewriter.forVideo(1234);
        RetransmissionBuffer buffer = new RetransmissionBuffer();
        Vp8DescriptorRewriter vp8 = new Vp8DescriptorRewriter();
        byte[] descriptor = {(byte) 0x90, (byte) 0xE0, (byte) 0x81, 0x23, 0x05, 0x40, 0x10};
        byte[] mid = {'0'};
        byte[] out = new byte[1500];
        byte[] idMap = new byte[16];
        for (int id = 0; id < 16; id++) {
            idMap[id] = (byte) id;
        }
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < PACKETS; i++) {
                packet.wrap(bytes, 0, bytes.length);
                packet.setSsrc(i % 1000 == 0 ? i : 7); // a source switch now and then
                sink += packet.audioLevelOctet(1) + packet.transportSequenceNumber(3) + (packet.midEquals(4, mid) ? 1 : 0);
                sink += packet.rewriteExtensionIds(idMap);
                sink += Vp8KeyframeDetector.INSTANCE.isKeyframe(bytes, packet.payloadOffset(), packet.payloadLength()) ? 1 : 0;
                packet.setSequenceNumber(i);
                rewriter.rewrite(packet, i / 30);
                buffer.store(packet, i);
                sink += buffer.copyOut(packet.sequenceNumber(), out, 0);
                sink += RtxPacket.write(packet, out, 0, 4321, 97, i);
                vp8.rewrite(descriptor, 0, descriptor.length, i % 1000 == 0 ? i : 7);
            }
            long allocated = allocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated for " + PACKETS + " packets");
            }
        }
        assertTrue(sink != 0);
    }

    @Test
    void trackingLossesAskingForThemAndUnwrappingRepairsAllocatesNothing() {
        byte[] bytes = new RtpPacketComposer().payloadType(97).seq(1).payload(new byte[] {0, 5, 1, 2, 3, 4}).build();
        byte[] work = new byte[bytes.length];
        RtpPacket packet = new RtpPacket();
        MissingPacketTracker tracker = new MissingPacketTracker(512, 200, 4, 1000);
        int[] due = new int[64];
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < PACKETS; i++) {
                int seq = round * PACKETS + i;
                if (seq % 20 != 7) { // one packet in 20 lost, and its repair arrives 5 packets later
                    sink += tracker.onPacket(seq, seq).ordinal();
                }
                if (seq % 20 == 12) {
                    sink += tracker.onPacket(seq - 5, seq).ordinal();
                }
                sink += tracker.due(seq, 20, due, due.length);
                System.arraycopy(bytes, 0, work, 0, bytes.length);
                packet.wrap(work, 0, work.length);
                sink += RtxPacket.unwrap(packet, 1234, 96);
            }
            long allocated = allocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated for " + PACKETS + " packets");
            }
        }
        assertTrue(sink != 0 && tracker.recovered() > 0);
    }
}
