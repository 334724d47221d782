package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3711 §3.3.1 and Appendix A. */
class RolloverCounterTests {

    private static long index(long roc, int seq) {
        return (roc << 16) | seq;
    }

    @Test
    void firstPacketHasRolloverCounterZero() {
        assertEquals(40000, RolloverCounter.estimateIndex(-1, 40000));
    }

    @Test
    void sequenceWrapFrom65535To0IncrementsTheRolloverCounter() {
        assertEquals(index(1, 0), RolloverCounter.estimateIndex(index(0, 65535), 0));
        assertEquals(index(8, 3), RolloverCounter.estimateIndex(index(7, 65530), 3));
    }

    @Test
    void latePacketFromBeforeTheWrapKeepsThePreviousRolloverCounter() {
        assertEquals(index(0, 65534), RolloverCounter.estimateIndex(index(1, 2), 65534));
    }

    @Test
    void packetsWithinHalfTheSequenceSpaceKeepTheRolloverCounter() {
        assertEquals(index(3, 100), RolloverCounter.estimateIndex(index(3, 90), 100));
        assertEquals(index(3, 80), RolloverCounter.estimateIndex(index(3, 90), 80));
        assertEquals(index(3, 40000), RolloverCounter.estimateIndex(index(3, 60000), 40000));
    }

    @Test
    void packetFromBeforeRolloverCounterZeroHasNoValidIndex() {
        assertEquals(-1, RolloverCounter.estimateIndex(index(0, 10), 60000));
    }
}
