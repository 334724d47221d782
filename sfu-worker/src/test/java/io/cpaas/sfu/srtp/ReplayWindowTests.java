package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayWindowTests {

    @Test
    void anyIndexIsAcceptableBeforeTheFirst() {
        ReplayWindow w = new ReplayWindow();
        assertEquals(0, w.check(123456789L));
        assertEquals(-1, w.highest());
    }

    @Test
    void acceptedIndexIsThenAReplay() {
        ReplayWindow w = new ReplayWindow();
        w.accept(10);
        assertEquals(SrtpError.REPLAYED, w.check(10));
        assertEquals(0, w.check(11));
    }

    @Test
    void lateIndexInsideTheWindowIsAcceptedOnceThenAReplay() {
        ReplayWindow w = new ReplayWindow();
        w.accept(100);
        assertEquals(0, w.check(37));
        w.accept(37);
        assertEquals(SrtpError.REPLAYED, w.check(37));
        assertEquals(0, w.check(38));
    }

    @Test
    void indexSixtyFourBehindIsTooOld() {
        ReplayWindow w = new ReplayWindow();
        w.accept(100);
        assertEquals(0, w.check(100 - 63));
        assertEquals(SrtpError.TOO_OLD, w.check(100 - 64));
    }

    @Test
    void bigJumpForwardClearsTheHistory() {
        ReplayWindow w = new ReplayWindow();
        w.accept(1);
        w.accept(1000);
        assertEquals(SrtpError.TOO_OLD, w.check(1));
        assertEquals(0, w.check(999));
        assertEquals(SrtpError.REPLAYED, w.check(1000));
    }

    @Test
    void windowSlidesAndKeepsWhatItSawWithin64() {
        ReplayWindow w = new ReplayWindow();
        w.accept(0);
        w.accept(2);
        w.accept(40);
        assertEquals(SrtpError.REPLAYED, w.check(2));
        assertEquals(0, w.check(1));
        w.accept(65);
        assertEquals(SrtpError.TOO_OLD, w.check(1));
        assertEquals(SrtpError.REPLAYED, w.check(2));
        assertEquals(0, w.check(3));
    }
}
