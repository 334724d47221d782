package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PliTests {

    @Test
    void writesTheRfc4585Layout() {
        byte[] out = new byte[12];
        assertEquals(12, Pli.write(out, 0, 0x01020304, 0x05060708));
        assertArrayEquals(Hex.bytes("81CE0002 01020304 05060708"), out);
        assertEquals(0x05060708, FeedbackPacket.mediaSsrc(out, 0));
        assertEquals(RtcpHeader.FMT_PLI, FeedbackPacket.format(out, 0));
    }

    @Test
    void refusesABufferTooSmall() {
        assertThrows(IllegalArgumentException.class, () -> Pli.write(new byte[20], 10, 1, 2));
    }
}
