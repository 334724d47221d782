package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.sfu.rtcp.TransportCcFeedback;
import io.cpaas.sfu.rtcp.TransportCcFeedbackBuilder;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The downlink estimator against a simulated link: a bottleneck of a given capacity with a
 * 300 ms queue (packets beyond it are dropped) and 20 ms of propagation, the receiver's
 * transport-cc feedback written every 50 ms by the same {@link TransportCcFeedbackBuilder} the
 * worker uses towards publishers, and read back with {@link TransportCcFeedback}. The sender either
 * sends at a fixed rate or, as a {@link DownTrack} does, the simulcast layer {@link LayerSelector}
 * picks from the estimate every 200 ms.
 */
class DownlinkEstimatorTests {

    private static final long MS = 1_000_000L;
    private static final int PACKET_BYTES = 1200;
    private static final long[] LAYERS = {150_000, 500_000, 1_500_000};

    /** A link, a sender and a receiver stepping 1 ms at a time. */
    private static final class Simulation {
        final DownlinkEstimator estimator = new DownlinkEstimator();
        final TransportCcFeedbackBuilder receiver = new TransportCcFeedbackBuilder();
        final TransportCcFeedback feedback = new TransportCcFeedback();
        final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
        final byte[] out = new byte[1500];
        final Random random = new Random(7);
        long now = 1_000_000 * MS;
        long capacity;
        double lossRate;
        long linkFreeAt;
        long nextSendAt = now;
        long nextFeedbackAt = now;
        long nextDecisionAt = now;
        int layer = -1;
        long fixedRate;
        long layerMillis[] = new long[3];

        Simulation(long capacity) {
            this.capacity = capacity;
        }

        long sendRate() {
            return fixedRate > 0 ? fixedRate : LAYERS[Math.max(0, layer)];
        }

        void run(long millis) {
            for (long end = now + millis * MS; now < end; now += MS) {
                if (fixedRate == 0 && now >= nextDecisionAt) {
                    boolean[] receiving = {true, true, true};
                    layer = LayerSelector.choose(2, estimator.estimate(), LAYERS, receiving, 3, layer);
                    nextDecisionAt = now + 200 * MS;
                }
                if (layer >= 0) {
                    layerMillis[layer]++;
                }
                while (nextSendAt <= now) {
                    int sequence = estimator.nextSequenceNumber();
                    estimator.onPacketSent(sequence, PACKET_BYTES, nextSendAt);
                    long serialization = PACKET_BYTES * 8L * 1_000_000_000L / capacity;
                    long arrival = Math.max(nextSendAt, linkFreeAt) + serialization;
                    boolean queueFull = arrival - nextSendAt > 300 * MS;
                    if (!queueFull && random.nextDouble() >= lossRate) {
                        linkFreeAt = arrival;
                        inFlight.add(new long[] {sequence, arrival + 20 * MS});
                    }
                    nextSendAt += PACKET_BYTES * 8L * 1_000_000_000L / sendRate();
                }
                while (!inFlight.isEmpty() && inFlight.peek()[1] <= now) {
                    long[] packet = inFlight.poll();
                    receiver.onPacketReceived((int) packet[0], packet[1] / 1_000);
                }
                if (now >= nextFeedbackAt) {
                    nextFeedbackAt = now + 50 * MS;
                    int length;
                    while ((length = receiver.build(out, 0, out.length, 2, 1)) > 0) {
                        if (feedback.decode(out, 0, length)) {
                            estimator.onFeedback(feedback, now);
                        }
                    }
                }
            }
        }

        void resetLayerTime() {
            layerMillis = new long[3];
        }
    }

    @Test
    void onALinkFarWiderThanWhatIsSentTheEstimateGrowsAboveTheHighestLayer() {
        Simulation link = new Simulation(20_000_000);
        link.fixedRate = 500_000;
        link.run(5_000);
        assertTrue(link.estimator.estimate() >= 2_500_000, "estimate " + link.estimator.estimate());
        assertEquals(0, link.estimator.decreases());
    }

    @Test
    void sendingTwiceWhatABottleneckCarriesBringsTheEstimateBelowItWithinTwoSeconds() {
        Simulation link = new Simulation(300_000);
        link.fixedRate = 600_000;
        link.run(2_000);
        assertTrue(link.estimator.estimate() < 300_000, "estimate " + link.estimator.estimate());
        assertTrue(link.estimator.queueDelayMicros() > DownlinkEstimator.OVERUSE_QUEUE_MICROS, "queue " + link.estimator.queueDelayMicros());
    }

    @Test
    void heavyRandomLossLowersTheEstimateAndLightLossDoesNot() {
        Simulation lossy = new Simulation(20_000_000);
        lossy.fixedRate = 1_000_000;
        lossy.lossRate = 0.2;
        lossy.run(3_000);
        assertTrue(lossy.estimator.estimate() < DownlinkEstimator.INITIAL_BITRATE, "estimate " + lossy.estimator.estimate());
        assertTrue(lossy.estimator.loss() > 0.1, "loss " + lossy.estimator.loss());

        Simulation light = new Simulation(20_000_000);
        light.fixedRate = 1_000_000;
        light.lossRate = 0.01;
        light.run(3_000);
        assertTrue(light.estimator.estimate() > DownlinkEstimator.INITIAL_BITRATE, "estimate " + light.estimator.estimate());
    }

    /**
     * The throttled subscriber of issue 7 without a network namespace: behind 300 kb/s the layer
     * choice settles on the low layer (it tries the next now and then and backs off), and once the
     * limit is lifted the high layer is back within 5 s.
     */
    @Test
    void behind300KbpsTheLayerChoiceKeepsTheLowLayerAndLiftingTheLimitBringsTheHighLayerBackWithin5Seconds() {
        Simulation link = new Simulation(300_000);
        link.run(10_000);
        link.resetLayerTime();
        link.run(20_000);
        long total = link.layerMillis[0] + link.layerMillis[1] + link.layerMillis[2];
        assertEquals(0, link.layerMillis[2], "never the high layer behind 300 kb/s");
        assertTrue(link.layerMillis[0] >= total * 0.8, "the low layer most of the time: " + java.util.Arrays.toString(link.layerMillis));

        link.capacity = 50_000_000;
        long waited = 0;
        while (link.layer != 2 && waited < 10_000) {
            link.run(100);
            waited += 100;
        }
        assertEquals(2, link.layer, "the high layer after the limit was lifted");
        assertTrue(waited <= 5_000, "the high layer came back after " + waited + " ms");
        link.resetLayerTime();
        link.run(10_000);
        assertTrue(link.layerMillis[2] >= 9_500, "and it stays: " + java.util.Arrays.toString(link.layerMillis));
    }

    @Test
    void recordingPacketsAndReadingFeedbackAllocatesNothing() {
        DownlinkEstimator estimator = new DownlinkEstimator();
        TransportCcFeedbackBuilder receiver = new TransportCcFeedbackBuilder();
        TransportCcFeedback feedback = new TransportCcFeedback();
        byte[] out = new byte[1500];
        long now = 1_000_000 * MS;
        for (int round = 0; round < 2; round++) {
            long before = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                now += MS;
                int sequence = estimator.nextSequenceNumber();
                estimator.onPacketSent(sequence, PACKET_BYTES, now);
                if (i % 10 != 3) {
                    receiver.onPacketReceived(sequence, (now + 20 * MS) / 1_000);
                }
                if (i % 50 == 0) {
                    int length;
                    while ((length = receiver.build(out, 0, out.length, 2, 1)) > 0) {
                        if (feedback.decode(out, 0, length)) {
                            estimator.onFeedback(feedback, now);
                        }
                    }
                }
            }
            long allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated");
            }
        }
    }
}
