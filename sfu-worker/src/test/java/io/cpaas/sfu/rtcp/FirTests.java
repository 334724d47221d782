package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirTests {

    @Test
    void writesTheRfc5104LayoutWithAnUnusedMediaSsrc() {
        byte[] out = new byte[20];
        assertEquals(20, Fir.write(out, 0, 0x01020304, 0x0A0B0C0D, 0x105)); // seq nr keeps its low 8 bits
        assertArrayEquals(Hex.bytes("84CE0004 01020304 00000000 0A0B0C0D 05000000"), out);
    }

    @Test
    void readsEveryEntryOfAHandBuiltRequest() {
        byte[] b = Hex.bytes("84CE0006 01020304 00000000 0A0B0C0D 07000000 11111111 FF000000");
        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(b, 0, b.length);
        assertTrue(it.next());
        assertEquals(RtcpHeader.FMT_FIR, it.countOrFormat());
        assertEquals(2, Fir.entryCount(it.length()));
        assertEquals(0x0A0B0C0D, Fir.entrySsrc(b, 0, 0));
        assertEquals(7, Fir.entrySequenceNumber(b, 0, 0));
        assertEquals(0x11111111, Fir.entrySsrc(b, 0, 1));
        assertEquals(255, Fir.entrySequenceNumber(b, 0, 1));
    }
}
