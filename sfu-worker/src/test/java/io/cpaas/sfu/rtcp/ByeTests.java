package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByeTests {

    @Test
    void writesAndReadsTheListedSources() {
        byte[] out = new byte[12];
        assertEquals(12, Bye.write(out, 0, new int[] {7, 8}, 2));
        assertArrayEquals(Hex.bytes("82CB0002 00000007 00000008"), out);
        assertEquals(2, Bye.ssrcCount(out, 0));
        assertEquals(8, Bye.ssrc(out, 0, 1));
    }

    @Test
    void ignoresAReasonAfterTheSources() {
        byte[] withReason = Hex.bytes("81CB0002 00000007 03627965"); // reason: length 3, "bye"
        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(withReason, 0, withReason.length);
        assertTrue(it.next());
        assertEquals(7, Bye.ssrc(withReason, it.offset(), 0));
    }
}
