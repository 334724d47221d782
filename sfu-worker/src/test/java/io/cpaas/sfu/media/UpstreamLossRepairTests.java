package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which arrivals of a publisher's layer are forwarded. No gap opens here, so no NACK is due and no
 * connection is needed; the NACKs themselves are {@code MissingPacketTrackerTests}' and the
 * end-to-end {@code NetworkImpairmentTests}'.
 */
class UpstreamLossRepairTests {

    private static final long NOW = 5_000_000_000L;

    private final MediaCounters counters = new MediaCounters();
    private final UpstreamLossRepair repair = new UpstreamLossRepair(counters);
    private final UpLayer layer = trackedLayer();

    @Test
    void aRepairOfAPacketNewerThanAnySeenIsForwardedOnceAndItsLateOriginalIsNot() {
        assertTrue(repair.onOriginal(null, layer, 100, 20, NOW));
        // libwebrtc's padding probe resends 101 just after sending it; the link lost the original.
        assertTrue(repair.onRepair(null, layer, 101, 20, NOW), "the first copy of 101 is forwarded");
        assertFalse(repair.onRepair(null, layer, 101, 20, NOW), "a second copy is not");
        assertFalse(repair.onOriginal(null, layer, 101, 20, NOW), "nor the original arriving after its copy");
        assertTrue(repair.onOriginal(null, layer, 102, 20, NOW));
        assertEquals(2, counters.upstreamDuplicates());
        assertEquals(0, counters.upstreamNacksSent());
    }

    @Test
    void aProbeOfAPacketThatArrivedIsDropped() {
        assertTrue(repair.onOriginal(null, layer, 7, 20, NOW));
        assertTrue(repair.onOriginal(null, layer, 8, 20, NOW));
        assertFalse(repair.onRepair(null, layer, 7, 20, NOW));
        assertEquals(2, counters.upstreamRepairsReceived() + counters.upstreamDuplicates());
    }

    private static UpLayer trackedLayer() {
        UpLayer layer = new UpLayer(0, null, 1234, 90_000);
        layer.repairLosses();
        return layer;
    }
}
