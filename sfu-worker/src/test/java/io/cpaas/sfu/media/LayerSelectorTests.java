package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSelectorTests {

    private static final long[] BITRATES = {150_000, 500_000, 1_500_000};
    private static final boolean[] ALL = {true, true, true};

    @Test
    void theHighestRequestedLayerThatFitsTheBudgetIsChosen() {
        assertEquals(2, LayerSelector.choose(2, 3_000_000, BITRATES, ALL, 3, -1));
        assertEquals(1, LayerSelector.choose(2, 1_000_000, BITRATES, ALL, 3, -1));
        assertEquals(0, LayerSelector.choose(2, 300_000, BITRATES, ALL, 3, -1));
        assertEquals(0, LayerSelector.choose(0, 3_000_000, BITRATES, ALL, 3, 2), "low asked: low, however wide the link");
        assertEquals(1, LayerSelector.choose(1, 3_000_000, BITRATES, ALL, 3, -1));
    }

    @Test
    void withoutBudgetForAnyLayerTheLowestSendingOneIsStillForwarded() {
        assertEquals(0, LayerSelector.choose(2, 10_000, BITRATES, ALL, 3, 1));
        assertEquals(1, LayerSelector.choose(2, 10_000, BITRATES, new boolean[] {false, true, true}, 3, -1));
    }

    @Test
    void layersThatDoNotSendAreSkippedAndNoneSendingMeansNone() {
        assertEquals(0, LayerSelector.choose(2, 3_000_000, BITRATES, new boolean[] {true, false, false}, 3, 2));
        assertEquals(1, LayerSelector.choose(2, 3_000_000, BITRATES, new boolean[] {true, true, false}, 3, -1));
        assertEquals(-1, LayerSelector.choose(2, 3_000_000, BITRATES, new boolean[] {false, false, false}, 3, -1));
    }

    @Test
    void theCurrentLayerKeepsItsPlaceUntilItExceedsTheBudgetByAQuarter() {
        assertEquals(1, LayerSelector.choose(2, 450_000, BITRATES, ALL, 3, 1), "500 kb/s on a 450 kb/s budget: stays");
        assertEquals(0, LayerSelector.choose(2, 450_000, BITRATES, ALL, 3, 0), "but is not switched up to");
        assertEquals(0, LayerSelector.choose(2, 390_000, BITRATES, ALL, 3, 1), "more than a quarter over: down");
    }

    @Test
    void upgradesGoOneSendingLayerAtATimeWhileDowngradesMaySkip() {
        assertEquals(1, LayerSelector.choose(2, 3_000_000, BITRATES, ALL, 3, 0), "low to mid first, however wide the link");
        assertEquals(2, LayerSelector.choose(2, 3_000_000, BITRATES, ALL, 3, 1));
        assertEquals(2, LayerSelector.choose(2, 3_000_000, BITRATES, new boolean[] {true, false, true}, 3, 0), "a paused mid is skipped");
        assertEquals(0, LayerSelector.choose(2, 200_000, BITRATES, ALL, 3, 2), "full to low at once");
        assertEquals(2, LayerSelector.choose(2, 3_000_000, BITRATES, ALL, 3, -1), "nothing forwarded yet: straight to the target");
    }

    @Test
    void aSendingLayerNotMeasuredYetCountsWithItsTypicalBitrate() {
        long[] unmeasured = {0, 0, 0};
        assertEquals(1, LayerSelector.choose(2, 1_000_000, unmeasured, ALL, 3, -1));
        assertEquals(2, LayerSelector.choose(2, 2_000_000, unmeasured, ALL, 3, -1));
    }

    @Test
    void theWantedLayerIgnoresWhatIsSendingSoThatDynacastCanResumeIt() {
        assertEquals(2, LayerSelector.wanted(2, 3_000_000, new long[] {150_000, 500_000, 1_500_000}, 3));
        assertEquals(1, LayerSelector.wanted(2, 1_000_000, new long[] {0, 0, 0}, 3));
        assertEquals(0, LayerSelector.wanted(2, 10_000, BITRATES, 3));
        assertEquals(0, LayerSelector.wanted(0, 3_000_000, BITRATES, 3));
        assertEquals(0, LayerSelector.wanted(2, 3_000_000, BITRATES, 1), "one layer only");
    }

    @Test
    void knownRidsAreOrderedLowestFirstAndOthersKeepTheirOrder() {
        assertEquals(List.of("q", "h", "f"), SimulcastRids.lowestFirst(List.of("f", "h", "q")));
        assertEquals(List.of("q", "f"), SimulcastRids.lowestFirst(List.of("f", "q")));
        assertEquals(List.of("lo", "mid", "hi"), SimulcastRids.lowestFirst(List.of("lo", "mid", "hi", "extra")));
    }
}
