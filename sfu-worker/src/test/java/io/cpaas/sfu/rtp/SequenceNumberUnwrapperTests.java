package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceNumberUnwrapperTests {

    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

    @Test
    void keepsCountingAcrossTheWrapFrom65535To0() {
        assertEquals(65534, unwrapper.unwrap(65534));
        assertEquals(65535, unwrapper.unwrap(65535));
        assertEquals(65536, unwrapper.unwrap(0));
        assertEquals(65537, unwrapper.unwrap(1));
        assertEquals(65537, unwrapper.highest());
    }

    @Test
    void placesAPacketReorderedAcrossTheWrapBeforeIt() {
        unwrapper.unwrap(65535);
        unwrapper.unwrap(1);
        assertEquals(65536, unwrapper.unwrap(0));
        assertEquals(65534, unwrapper.unwrap(65534));
        assertEquals(65537, unwrapper.highest(), "old packets do not move the highest back");
    }

    @Test
    void wrapsManyTimes() {
        long expected = 0;
        for (int i = 0; i < 5 * 65536; i += 1000) {
            expected = i;
            assertEquals(expected, unwrapper.unwrap(i & 0xFFFF));
        }
    }

    @Test
    void mapsAPacketFromBeforeTheFirstToANegativeValue() {
        unwrapper.unwrap(5);
        assertEquals(-6, unwrapper.unwrap(65530));
    }

    @Test
    void peeksWithoutAdvancing() {
        unwrapper.unwrap(100);
        assertEquals(200, unwrapper.peek(200));
        assertEquals(100, unwrapper.highest());
    }

    @Test
    void startsOverAfterReset() {
        unwrapper.unwrap(65535);
        unwrapper.unwrap(0);
        unwrapper.reset();
        assertFalse(unwrapper.started());
        assertEquals(7, unwrapper.unwrap(7));
    }

    @Test
    void comparesSequenceNumbersModularly() {
        assertTrue(SequenceNumbers.isNewer(0, 65535));
        assertTrue(SequenceNumbers.isOlder(65535, 0));
        assertEquals(2, SequenceNumbers.delta(65535, 1));
        assertEquals(-2, SequenceNumbers.delta(1, 65535));
        assertFalse(SequenceNumbers.isNewer(5, 5));
        assertTrue(SequenceNumbers.isOlder(32768, 0), "exactly half apart counts as older");
    }
}
