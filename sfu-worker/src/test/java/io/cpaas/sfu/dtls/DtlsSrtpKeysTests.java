package io.cpaas.sfu.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DtlsSrtpKeysTests {

    /** 0, 1, 2, … so every slice says where it came from. */
    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static byte[] range(int from, int to) {
        return Arrays.copyOfRange(counting(to), from, to);
    }

    @Test
    void aesCmMaterialSplitsAsClientKeyServerKeyClientSaltServerSalt() {
        DtlsSrtpKeys keys = new DtlsSrtpKeys(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80, counting(60));

        assertArrayEquals(range(0, 16), keys.clientMasterKey());
        assertArrayEquals(range(16, 32), keys.serverMasterKey());
        assertArrayEquals(range(32, 46), keys.clientMasterSalt());
        assertArrayEquals(range(46, 60), keys.serverMasterSalt());
    }

    @Test
    void gcmMaterialHasTwelveByteSalts() {
        DtlsSrtpKeys keys = new DtlsSrtpKeys(SrtpProtectionProfile.AEAD_AES_128_GCM, counting(56));

        assertArrayEquals(range(0, 16), keys.clientMasterKey());
        assertArrayEquals(range(16, 32), keys.serverMasterKey());
        assertArrayEquals(range(32, 44), keys.clientMasterSalt());
        assertArrayEquals(range(44, 56), keys.serverMasterSalt());
    }

    @Test
    void materialOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new DtlsSrtpKeys(SrtpProtectionProfile.AEAD_AES_128_GCM, counting(60)));
    }

    @Test
    void profilesAreFoundByTheirWireValue() {
        assertEquals(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80, SrtpProtectionProfile.fromId(0x0001).orElseThrow());
        assertEquals(SrtpProtectionProfile.AEAD_AES_128_GCM, SrtpProtectionProfile.fromId(0x0007).orElseThrow());
        assertFalse(SrtpProtectionProfile.fromId(0x0002).isPresent(), "SHA1_32 is not supported");
        assertFalse(SrtpProtectionProfile.fromId(0x0008).isPresent(), "AES-256-GCM is not supported");
    }

    @Test
    void toStringDoesNotRevealTheSecrets() {
        DtlsSrtpKeys keys = new DtlsSrtpKeys(SrtpProtectionProfile.AEAD_AES_128_GCM, counting(56));

        assertEquals("DtlsSrtpKeys[AEAD_AES_128_GCM, 56 bytes]", keys.toString());
    }
}
