package io.cpaas.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FingerprintTests {

    @Test
    void valueIsNormalisedToUpperCaseAndAlgorithmToLowerCase() {
        Fingerprint f = new Fingerprint("SHA-256", ChromeSdp.CLIENT_FINGERPRINT.toLowerCase());
        assertEquals("sha-256", f.algorithm());
        assertEquals(ChromeSdp.CLIENT_FINGERPRINT, f.value());
        assertEquals("sha-256 " + ChromeSdp.CLIENT_FINGERPRINT, f.attributeValue());
    }

    @Test
    void digestBytesRoundTrip() {
        byte[] digest = HexFormat.of().parseHex(ChromeSdp.CLIENT_FINGERPRINT.replace(":", ""));
        Fingerprint f = Fingerprint.sha256(digest);
        assertEquals(ChromeSdp.CLIENT_FINGERPRINT, f.value());
        assertArrayEquals(digest, f.digest());
    }

    @Test
    void malformedFingerprintsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Fingerprint("sha-256", "AB:CD"));
        assertThrows(IllegalArgumentException.class, () -> new Fingerprint("sha-256", ChromeSdp.CLIENT_FINGERPRINT.replace(':', '-')));
        assertThrows(IllegalArgumentException.class, () -> new Fingerprint("sha 256", ChromeSdp.CLIENT_FINGERPRINT));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.sha256(new byte[20]));
    }
}
