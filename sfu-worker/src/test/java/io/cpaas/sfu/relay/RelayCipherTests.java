package io.cpaas.sfu.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RelayCipherTests {

    private static final byte[] KEY = "0123456789abcdef".getBytes();
    private static final int RELAY = 0x1234abcd;
    private final RelayCipher origin = RelayCipher.forOrigin(RELAY, KEY);
    private final RelayCipher edge = RelayCipher.forEdge(RELAY, KEY);
    private final byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 10, 0x11, 0x22, 0x33, 0x44, 9, 8, 7, 6, 5};
    private final byte[] out = new byte[1600];

    @Test
    void whatTheOriginSealsTheEdgeOpensAndReadsBack() {
        byte[] sealed = new byte[100];
        int length = origin.seal(RelayCipher.MEDIA, rtp, 0, rtp.length, sealed);
        assertEquals(rtp.length + RelayCipher.OVERHEAD, length);
        assertEquals((byte) 0xFF, sealed[0]);
        assertEquals(RelayCipher.MEDIA, RelayCipher.typeOf(sealed));
        assertEquals(RELAY, RelayCipher.relayIdOf(sealed, length));
        assertEquals(rtp.length, edge.open(sealed, length, out));
        assertArrayEquals(rtp, Arrays.copyOf(out, rtp.length));
    }

    @Test
    void thePayloadTravelsEncrypted() {
        byte[] sealed = new byte[100];
        origin.seal(RelayCipher.MEDIA, rtp, 0, rtp.length, sealed);
        byte[] payload = Arrays.copyOfRange(sealed, RelayCipher.HEADER, RelayCipher.HEADER + rtp.length);
        assertEquals(false, Arrays.equals(rtp, payload));
    }

    @Test
    void anyChangedByteIsRefused() {
        byte[] sealed = new byte[100];
        int length = origin.seal(RelayCipher.MEDIA, rtp, 0, rtp.length, sealed);
        for (int i = 1; i < length; i++) {
            if (i >= 2 && i < 6) {
                continue; // the relay id: another relay's datagram, refused before decryption (below)
            }
            byte[] forged = sealed.clone();
            forged[i] ^= 0x01;
            assertEquals(-1, RelayCipher.forEdge(RELAY, KEY).open(forged, length, out), "byte " + i);
        }
        byte[] otherRelay = sealed.clone();
        otherRelay[5] ^= 0x01;
        assertEquals(-1, edge.open(otherRelay, length, out));
    }

    @Test
    void anotherKeyOrATruncatedDatagramIsRefused() {
        byte[] sealed = new byte[100];
        int length = origin.seal(RelayCipher.MEDIA, rtp, 0, rtp.length, sealed);
        assertEquals(-1, RelayCipher.forEdge(RELAY, "fedcba9876543210".getBytes()).open(sealed, length, out));
        assertEquals(-1, edge.open(sealed, length - 1, out));
        assertEquals(-1, edge.open(sealed, RelayCipher.OVERHEAD - 1, out));
    }

    @Test
    void aReplayedDatagramIsRefusedAndLateOnesInsideTheWindowAreNot() {
        byte[][] sealed = new byte[80][100];
        int[] lengths = new int[80];
        for (int i = 0; i < 80; i++) {
            lengths[i] = origin.seal(RelayCipher.MEDIA, rtp, 0, rtp.length, sealed[i]);
        }
        assertEquals(rtp.length, edge.open(sealed[79], lengths[79], out));
        assertEquals(-1, edge.open(sealed[79], lengths[79], out), "replayed");
        assertEquals(rtp.length, edge.open(sealed[20], lengths[20], out), "late, inside the 64-packet window");
        assertEquals(-1, edge.open(sealed[20], lengths[20], out), "replayed late");
        assertEquals(-1, edge.open(sealed[10], lengths[10], out), "too old");
    }

    @Test
    void aDatagramReflectedBackToItsSenderIsRefused() {
        byte[] sealed = new byte[100];
        int length = origin.seal(RelayCipher.MEDIA, rtp, 0, rtp.length, sealed);
        assertEquals(-1, origin.open(sealed, length, out));
        int hello = edge.seal(RelayCipher.HELLO, new byte[0], 0, 0, sealed);
        assertEquals(-1, edge.open(sealed, hello, out));
        assertEquals(0, origin.open(sealed, hello, out));
    }
}
