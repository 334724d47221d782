package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RembTests {

    @Test
    void readsAHandBuiltRemb() {
        // Num SSRC 2, exp 3, mantissa 0x3D090 (250000): 2,000,000 bps
        byte[] b = Hex.bytes("8FCE0006 11111111 00000000 52454D42 020FD090 AAAAAAAA BBBBBBBB");
        assertTrue(Remb.isValid(b, 0, b.length));
        assertEquals(2_000_000, Remb.bitrate(b, 0));
        assertEquals(2, Remb.ssrcCount(b, 0));
        assertEquals(0xBBBBBBBB, Remb.ssrc(b, 0, 1));
    }

    @Test
    void writesTheDraftLayout() {
        byte[] out = new byte[28];
        int length = Remb.write(out, 0, 0x11111111, 2_000_000, new int[] {0xAAAAAAAA, 0xBBBBBBBB}, 2);
        assertEquals(28, length);
        assertArrayEquals(Hex.bytes("8FCE0006 11111111 00000000 52454D42 020FD090 AAAAAAAA BBBBBBBB"), out);
    }

    @Test
    void keepsSmallBitratesExactAndRoundsLargeOnesDown() {
        byte[] out = new byte[24];
        Random random = new Random(15);
        for (int i = 0; i < 1000; i++) {
            long bitrate = i < 10 ? i : random.nextLong() >>> (1 + random.nextInt(63));
            Remb.write(out, 0, 1, bitrate, new int[] {2}, 1);
            long read = Remb.bitrate(out, 0);
            assertTrue(read <= bitrate, bitrate + " read as " + read);
            assertTrue(bitrate - read <= bitrate >>> 17, "within one mantissa step: " + bitrate);
            if (bitrate < (1 << 18)) {
                assertEquals(bitrate, read);
            }
        }
    }

    @Test
    void saturatesAnUnrepresentableBitrate() {
        byte[] b = Hex.bytes("8FCE0004 11111111 00000000 52454D42 00FFFFFF"); // exp 63, mantissa max
        assertEquals(Long.MAX_VALUE, Remb.bitrate(b, 0));
    }

    @Test
    void refusesAWrongIdentifierOrMissingSsrcs() {
        byte[] other = Hex.bytes("8FCE0004 11111111 00000000 52454D43 00000001");
        assertFalse(Remb.isValid(other, 0, other.length));
        byte[] truncated = Hex.bytes("8FCE0004 11111111 00000000 52454D42 02000001");
        assertFalse(Remb.isValid(truncated, 0, truncated.length));
        assertFalse(Remb.isValid(Arrays.copyOf(truncated, 16), 0, 16));
    }

    @Test
    void refusesANegativeBitrate() {
        assertThrows(IllegalArgumentException.class, () -> Remb.write(new byte[24], 0, 1, -1, new int[0], 0));
    }
}
