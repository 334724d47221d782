package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransportCcFeedbackTests {

    /**
     * Hand-built per draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1, using all three chunk
     * kinds: base 100, 20 statuses, reference time 16 (1.024 s), feedback count 5.
     * <ul>
     *   <li>2003: run length, symbol 01 (small delta), run 3</li>
     *   <li>AC01: one-bit vector 1 0 1 1 0 0 0 0 0 0 0 0 0 1</li>
     *   <li>E100: two-bit vector 10 00 01 (then 4 unused symbols beyond the count)</li>
     * </ul>
     * Deltas: 04 08 00 | 01 02 FF 10 | FFFC (large: -1 ms) 28.
     */
    static final byte[] HAND_BUILT = Hex.bytes(
            "8FCD0008 11111111 22222222 00640014 00001005 2003AC01 E1000408 000102FF 10FFFC28");

    private static final int[] SYMBOLS = {1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 1};

    private final TransportCcFeedback feedback = new TransportCcFeedback();

    @Test
    void readsTheFixedFieldsWithoutDecoding() {
        byte[] b = HAND_BUILT;
        assertEquals(100, TransportCcFeedback.baseSequenceNumber(b, 0));
        assertEquals(20, TransportCcFeedback.packetStatusCount(b, 0));
        assertEquals(16, TransportCcFeedback.referenceTime(b, 0));
        assertEquals(5, TransportCcFeedback.feedbackPacketCount(b, 0));
    }

    @Test
    void decodesRunLengthAndBothVectorChunks() {
        assertTrue(feedback.decode(HAND_BUILT, 0, HAND_BUILT.length));
        assertEquals(20, feedback.statusCount());
        for (int i = 0; i < SYMBOLS.length; i++) {
            assertEquals(SYMBOLS[i], feedback.symbol(i), "symbol " + i);
            assertEquals(100 + i, feedback.sequenceNumber(i));
        }
        assertTrue(feedback.hasReceiveDeltas());
    }

    @Test
    void accumulatesDeltasFromTheReferenceTime() {
        feedback.decode(HAND_BUILT, 0, HAND_BUILT.length);
        assertEquals(1_025_000, feedback.arrivalMicros(0));
        assertEquals(1_027_000, feedback.arrivalMicros(1));
        assertEquals(1_027_000, feedback.arrivalMicros(2));
        assertEquals(1_027_250, feedback.arrivalMicros(3));
        assertEquals(Long.MIN_VALUE, feedback.arrivalMicros(4));
        assertEquals(1_027_750, feedback.arrivalMicros(5));
        assertEquals(1_091_500, feedback.arrivalMicros(6));
        assertEquals(1_095_500, feedback.arrivalMicros(16));
        assertEquals(-4, feedback.deltaTicks(17));
        assertEquals(1_094_500, feedback.arrivalMicros(17), "a negative delta moves back in time");
        assertFalse(feedback.received(18));
        assertEquals(1_104_500, feedback.arrivalMicros(19));
    }

    @Test
    void decodesAPaddedPacketThroughTheIterator() {
        // One received packet, small delta 0x10, then P-bit padding of 1 byte: 20 + 2 + 1 + 1 = 24.
        byte[] b = Hex.bytes("AFCD0005 11111111 22222222 00070001 00000100 20011001");
        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(b, 0, b.length);
        assertTrue(it.next());
        assertEquals(23, it.length());
        assertTrue(feedback.decode(b, it.offset(), it.length()));
        assertEquals(1, feedback.statusCount());
        assertEquals(64_000 + 16 * 250, feedback.arrivalMicros(0));
    }

    @Test
    void treatsMissingDeltaBytesAsFeedbackWithoutTimestampsLikeLibwebrtc() {
        byte[] b = Hex.bytes("8FCD0005 11111111 22222222 00070002 00000100 20020000");
        assertTrue(feedback.decode(b, 0, 22));
        assertFalse(feedback.hasReceiveDeltas());
        assertTrue(feedback.received(1));
        assertEquals(Long.MIN_VALUE, feedback.arrivalMicros(1));
    }

    @Test
    void refusesAReservedSymbolAnEmptyCountAndChunksPastTheEnd() {
        assertFalse(feedback.decode(Hex.bytes("8FCD0005 11111111 22222222 00070001 00000100 60010000"), 0, 24),
                "symbol 11 is reserved");
        assertFalse(feedback.decode(Hex.bytes("8FCD0005 11111111 22222222 00070000 00000100 20010000"), 0, 24),
                "zero statuses");
        assertFalse(feedback.decode(Hex.bytes("8FCD0005 11111111 22222222 00070020 00000100 A0000000"), 0, 24),
                "32 statuses, chunks for 14 present");
        assertEquals(0, feedback.statusCount(), "nothing left from a failed decode");
        assertThrows(IndexOutOfBoundsException.class, () -> feedback.symbol(0));
    }

    @Test
    void letsARunLengthChunkCoverMoreThanTheRemainingCount() {
        byte[] b = Hex.bytes("8FCD0005 11111111 22222222 00070002 00000100 00FF0000"); // run of 255 lost
        assertTrue(feedback.decode(b, 0, 24));
        assertEquals(2, feedback.statusCount());
        assertFalse(feedback.received(0));
    }

    @Test
    void growsItsArraysForLargeCountsAndReusesThem() {
        // 8191 small-delta packets in one run, deltas all zero.
        byte[] b = new byte[20 + 2 + 8191 + 1];
        byte[] head = Hex.bytes("8FCD0000 11111111 22222222 0000 1FFF 00000000 3FFF");
        System.arraycopy(head, 0, b, 0, head.length);
        assertTrue(feedback.decode(b, 0, b.length));
        assertEquals(8191, feedback.statusCount());
        assertTrue(feedback.decode(HAND_BUILT, 0, HAND_BUILT.length));
        assertEquals(20, feedback.statusCount());
    }
}
