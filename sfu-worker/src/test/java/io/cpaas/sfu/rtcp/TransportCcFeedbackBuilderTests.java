package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportCcFeedbackBuilderTests {

    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private final byte[] buf = new byte[1500];
    private final TransportCcFeedback decoded = new TransportCcFeedback();

    /** Every status reported by {@link #drain}, in order: (sequence number, arrival or Long.MIN_VALUE). */
    private final List<long[]> reports = new ArrayList<>();

    /** Builds until nothing is pending, checks each packet's framing, and collects the statuses. */
    private int drain(int maxLength) {
        int packets = 0;
        int length;
        while ((length = builder.build(buf, 0, maxLength, 0x11111111, 0x22222222)) > 0) {
            packets++;
            assertTrue(length <= maxLength, "length " + length + " within " + maxLength);
            assertEquals(0, length % 4, "32-bit aligned");
            assertEquals(length, RtcpHeader.packetLength(buf, 0));
            RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(buf, 0, length);
            assertTrue(it.next(), "the iterator accepts the packet");
            assertEquals(RtcpHeader.RTPFB, it.packetType());
            assertEquals(RtcpHeader.FMT_TRANSPORT_CC, it.countOrFormat());
            assertTrue(decoded.decode(buf, it.offset(), it.length()), "decodes");
            assertTrue(decoded.hasReceiveDeltas());
            int deltaBytes = 0;
            for (int i = 0; i < decoded.statusCount(); i++) {
                reports.add(new long[] {decoded.sequenceNumber(i), decoded.arrivalMicros(i)});
                deltaBytes += decoded.symbol(i);
            }
            assertTrue(it.length() >= 20 + deltaBytes, "deltas inside the unpadded length");
            assertTrue(it.length() - (20 + deltaBytes) < 2 * ((decoded.statusCount() + 6) / 7) + 2,
                    "no stray bytes before padding");
            assertFalse(it.next());
        }
        return packets;
    }

    @Test
    void reportsNothingBeforeAnyPacket() {
        assertFalse(builder.hasPending());
        assertEquals(0, builder.build(buf, 0, 1200, 1, 2));
    }

    @Test
    void reportsInOrderArrivalsWithin125Microseconds() {
        long t = 5_000_000_123L;
        Map<Integer, Long> sent = new HashMap<>();
        for (int seq = 1; seq <= 100; seq++) {
            t += 1_000 + (seq * 37) % 4_000; // 1..5 ms apart
            builder.onPacketReceived(seq, t);
            sent.put(seq, t);
        }
        assertEquals(1, drain(1200));
        assertEquals(100, reports.size());
        for (long[] r : reports) {
            long expected = sent.get((int) r[0]);
            assertTrue(Math.abs(r[1] - expected) <= 125, "seq " + r[0]);
        }
        assertFalse(builder.hasPending());
    }

    @Test
    void encodesAHundredSmallDeltasAsOneRunLengthChunk() {
        for (int seq = 0; seq < 100; seq++) {
            builder.onPacketReceived(seq, 1_000_000 + seq * 1_000L);
        }
        int length = builder.build(buf, 0, 1200, 1, 2);
        assertEquals(0x2064, RtcpHeader.u16(buf, 20), "run length chunk: symbol small, run 100");
        assertEquals(20 + 2 + 100 + 2, length, "2 bytes of padding");
        assertTrue(RtcpHeader.padding(buf, 0));
        assertEquals(2, buf[length - 1]);
    }

    @Test
    void reportsLossesAsNotReceived() {
        for (int seq : new int[] {10, 11, 14, 20}) {
            builder.onPacketReceived(seq, 2_000_000 + seq * 1_000L);
        }
        drain(1200);
        assertEquals(11, reports.size());
        for (long[] r : reports) {
            boolean received = r[0] == 10 || r[0] == 11 || r[0] == 14 || r[0] == 20;
            assertEquals(received, r[1] != Long.MIN_VALUE, "seq " + r[0]);
        }
    }

    @Test
    void followsTheTransportSequenceAcrossItsWrap() {
        for (int i = 0; i < 12; i++) {
            builder.onPacketReceived((65530 + i) & 0xFFFF, 3_000_000 + i * 2_000L);
        }
        drain(1200);
        assertEquals(12, reports.size());
        assertEquals(65530, reports.get(0)[0]);
        assertEquals(5, reports.get(11)[0]);
    }

    @Test
    void usesSignedLargeDeltasForReorderedArrivals() {
        builder.onPacketReceived(1, 10_000_000);
        builder.onPacketReceived(3, 10_010_000);
        builder.onPacketReceived(2, 10_020_000); // arrives last
        builder.onPacketReceived(4, 10_005_000); // clock says earlier than 3: negative delta
        drain(1200);
        assertEquals(4, reports.size());
        assertEquals(10_000_000, reports.get(0)[1]);
        assertEquals(10_020_000, reports.get(1)[1]);
        assertEquals(10_010_000, reports.get(2)[1]);
        assertEquals(10_005_000, reports.get(3)[1]);
    }

    @Test
    void splitsWhenADeltaExceedsSixteenBits() {
        builder.onPacketReceived(1, 1_000_000);
        builder.onPacketReceived(2, 1_000_000 + 9_000_000); // 9 s later: beyond 8.19 s
        assertEquals(2, drain(1200));
        assertEquals(2, reports.size());
        assertEquals(10_000_000, reports.get(1)[1]);
    }

    @Test
    void splitsIntoPacketsThatFitTheSizeLimitAndCoverEverything() {
        long t = 50_000_000;
        for (int seq = 0; seq < 2000; seq++) {
            t += seq % 3 == 0 ? 70_000 : 300; // alternating small and large deltas
            if (seq % 17 != 5) {
                builder.onPacketReceived(seq, t);
            }
        }
        int packets = drain(120);
        assertTrue(packets > 10, packets + " packets");
        assertEquals(2000, reports.size());
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, reports.get(i)[0], "contiguous coverage");
            assertEquals(i % 17 != 5, reports.get(i)[1] != Long.MIN_VALUE);
        }
    }

    /**
     * A publisher's first 200 ms as the worker records them, with feedback built every 50 ms as the
     * worker sends it: Opus every 20 ms, 30 fps video frames of 4 packets 300 µs apart, a bandwidth
     * probe of 10 padding packets 1 ms apart, one video packet lost and two arriving swapped.
     */
    @Test
    void reportsARecordedArrivalPatternFedEvery50Milliseconds() {
        List<long[]> sent = new ArrayList<>(); // {send time µs, kind}
        for (long t = 0; t < 200_000; t += 20_000) {
            sent.add(new long[] {t, 0});
        }
        for (long t = 5_000; t < 200_000; t += 33_333) {
            for (int k = 0; k < 4; k++) {
                sent.add(new long[] {t + 300L * k, 1});
            }
        }
        for (int k = 0; k < 10; k++) {
            sent.add(new long[] {61_000 + 1_000L * k, 2});
        }
        sent.sort((x, y) -> Long.compare(x[0], y[0]));
        long base = 7_000_000_000L; // the worker's clock, µs
        int firstSeq = 65_500; // wraps during the call
        Map<Integer, Long> arrivals = new HashMap<>();
        List<long[]> order = new ArrayList<>(); // {seq, arrival}
        for (int i = 0; i < sent.size(); i++) {
            int seq = (firstSeq + i) & 0xFFFF;
            long arrival = base + sent.get(i)[0] + 1_500 + (i * 7919L) % 400; // one-way delay plus jitter
            if (i == 30) {
                continue; // lost
            }
            arrivals.put(seq, arrival);
            order.add(new long[] {seq, arrival});
        }
        Collections.swap(order, 12, 13); // reordered on the way
        Map<Integer, Long> lastWord = new HashMap<>();
        long nextFeedback = base + 50_000;
        for (long[] packet : order) {
            builder.onPacketReceived((int) packet[0], packet[1]);
            if (packet[1] >= nextFeedback) {
                nextFeedback += 50_000;
                drain(1200);
            }
        }
        drain(1200);
        for (long[] r : reports) {
            lastWord.put((int) r[0], r[1]);
        }
        assertEquals(sent.size(), lastWord.size(), "every number from the first to the last is reported");
        int lost = (firstSeq + 30) & 0xFFFF;
        assertEquals(Long.MIN_VALUE, lastWord.get(lost), "the lost packet is reported missing");
        for (Map.Entry<Integer, Long> e : arrivals.entrySet()) {
            assertTrue(Math.abs(lastWord.get(e.getKey()) - e.getValue()) <= 125,
                    "seq " + e.getKey() + " reported at its arrival within half a 250 µs tick");
        }
        assertTrue(builder.feedbackPacketCount() >= 4, "fed about every 50 ms");
    }

    @Test
    void reportsALatePacketAgainAsReceived() {
        builder.onPacketReceived(1, 1_000_000);
        builder.onPacketReceived(3, 1_002_000);
        drain(1200);
        assertEquals(Long.MIN_VALUE, reports.get(1)[1], "2 reported missing");
        reports.clear();

        builder.onPacketReceived(2, 1_010_000);
        builder.onPacketReceived(4, 1_011_000);
        drain(1200);
        assertEquals(3, reports.size());
        assertEquals(2, reports.get(0)[0]);
        assertEquals(1_010_000, reports.get(0)[1]);
        assertEquals(1_002_000, reports.get(1)[1], "3 reported again with its first arrival");
        assertEquals(1_011_000, reports.get(2)[1]);
    }

    @Test
    void keepsTheFirstArrivalOfADuplicate() {
        builder.onPacketReceived(9, 1_000_000);
        builder.onPacketReceived(9, 1_500_000);
        drain(1200);
        assertEquals(1, reports.size());
        assertEquals(1_000_000, reports.get(0)[1]);
        assertEquals(1, builder.receivedCount());
    }

    @Test
    void countsFeedbackPacketsModulo256() {
        for (int i = 0; i < 300; i++) {
            builder.onPacketReceived(i, 1_000_000 + i * 1_000L);
            builder.build(buf, 0, 1200, 1, 2);
            assertEquals(i & 0xFF, TransportCcFeedback.feedbackPacketCount(buf, 0));
        }
        assertEquals(300 & 0xFF, builder.feedbackPacketCount());
    }

    @Test
    void ignoresPacketsOlderThanItsMemory() {
        TransportCcFeedbackBuilder small = new TransportCcFeedbackBuilder(16);
        for (int seq = 100; seq < 140; seq++) {
            small.onPacketReceived(seq, seq * 1_000L);
        }
        small.onPacketReceived(110, 0);
        assertEquals(1, small.tooOldCount());
        int length = small.build(buf, 0, 1200, 1, 2);
        assertTrue(length > 0);
        assertEquals(124, TransportCcFeedback.baseSequenceNumber(buf, 0), "only the last 16 are reported");
        assertEquals(16, TransportCcFeedback.packetStatusCount(buf, 0));
    }

    @Test
    void writesTheReferenceTimeInUnitsOf64Milliseconds() {
        builder.onPacketReceived(1, 64_000 * 1_000 + 63_999);
        builder.build(buf, 0, 1200, 1, 2);
        assertEquals(1_000, TransportCcFeedback.referenceTime(buf, 0));
        decoded.decode(buf, 0, RtcpHeader.packetLength(buf, 0) - (buf[RtcpHeader.packetLength(buf, 0) - 1]));
        assertEquals(256, decoded.deltaTicks(0), "63.999 ms rounds to 256 ticks: a large delta");
        assertEquals(TransportCcFeedback.LARGE_DELTA, decoded.symbol(0));
    }

    @Test
    void refusesALimitTooSmallForAnyPacket() {
        builder.onPacketReceived(1, 0);
        assertThrows(IllegalArgumentException.class, () -> builder.build(buf, 0, 20, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> builder.build(new byte[10], 0, 1200, 1, 2));
    }

    @Test
    void roundTripsRandomArrivalPatterns() {
        Random random = new Random(20_240_601);
        for (int round = 0; round < 300; round++) {
            TransportCcFeedbackBuilder b = new TransportCcFeedbackBuilder(1024);
            int start = random.nextInt(65536);
            int n = 1 + random.nextInt(600);
            double lossRate = random.nextDouble() * 0.3;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            // local reordering: swap neighbours now and then
            for (int i = 1; i < n; i++) {
                if (random.nextInt(10) == 0) {
                    Collections.swap(order, i - 1, i);
                }
            }
            Map<Integer, Long> arrivals = new HashMap<>();
            long t = 1_000_000L + random.nextInt(1 << 30);
            for (int i : order) {
                t += random.nextInt(random.nextInt(20) == 0 ? 200_000 : 8_000);
                if (random.nextDouble() >= lossRate || i == n - 1) {
                    b.onPacketReceived((start + i) & 0xFFFF, t);
                    arrivals.put(i, t);
                }
            }
            int maxLength = 28 + random.nextInt(1200);
            Map<Integer, Long> reported = new HashMap<>();
            int length;
            int packets = 0;
            while ((length = b.build(buf, 0, maxLength, 1, 2)) > 0) {
                assertTrue(length <= maxLength);
                assertTrue(++packets < 10_000, "terminates");
                RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(buf, 0, length);
                assertTrue(it.next());
                assertTrue(decoded.decode(buf, it.offset(), it.length()));
                for (int i = 0; i < decoded.statusCount(); i++) {
                    int index = (decoded.sequenceNumber(i) - start) & 0xFFFF;
                    if (decoded.received(i)) {
                        reported.put(index, decoded.arrivalMicros(i));
                    }
                }
            }
            assertEquals(arrivals.keySet(), reported.keySet(), "round " + round + ": every received packet reported");
            for (Map.Entry<Integer, Long> e : arrivals.entrySet()) {
                long wrapMicros = (1L << 24) * TransportCcFeedback.REFERENCE_TICK_MICROS;
                long got = Math.floorMod(reported.get(e.getKey()), wrapMicros);
                long want = Math.floorMod(e.getValue(), wrapMicros);
                assertTrue(Math.abs(got - want) <= 125, "round " + round + " seq index " + e.getKey());
            }
        }
    }
}
