package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.sfu.srtp.SrtpKeyMaterial.DtlsRole;
import org.junit.jupiter.api.Test;

class SrtpKeyMaterialTests {

    /** Bytes 0..n-1 so every field's position is visible in its values. */
    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            b[i - from] = (byte) i;
        }
        return b;
    }

    @Test
    void exportedMaterialIsKeysFirstThenSaltsClientBeforeServer() {
        SrtpKeyMaterial m = SrtpKeyMaterial.split(counting(60), SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertArrayEquals(range(0, 16), m.clientMasterKey().key());
        assertArrayEquals(range(16, 32), m.serverMasterKey().key());
        assertArrayEquals(range(32, 46), m.clientMasterKey().salt());
        assertArrayEquals(range(46, 60), m.serverMasterKey().salt());
    }

    @Test
    void gcmMaterialUsesTwelveByteSalts() {
        SrtpKeyMaterial m = SrtpKeyMaterial.split(counting(56), SrtpProfile.AEAD_AES_128_GCM);
        assertArrayEquals(range(0, 16), m.clientMasterKey().key());
        assertArrayEquals(range(16, 32), m.serverMasterKey().key());
        assertArrayEquals(range(32, 44), m.clientMasterKey().salt());
        assertArrayEquals(range(44, 56), m.serverMasterKey().salt());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, m.profile());
    }

    @Test
    void dtlsServerSendsWithServerKeyAndReceivesWithClientKey() {
        SrtpKeyMaterial m = SrtpKeyMaterial.split(counting(60), SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertEquals(m.serverMasterKey(), m.localMasterKey(DtlsRole.SERVER));
        assertEquals(m.clientMasterKey(), m.remoteMasterKey(DtlsRole.SERVER));
        assertEquals(m.clientMasterKey(), m.localMasterKey(DtlsRole.CLIENT));
        assertEquals(m.serverMasterKey(), m.remoteMasterKey(DtlsRole.CLIENT));
    }

    @Test
    void whatTheClientProtectsTheServerUnprotects() {
        byte[] exported = counting(56);
        SrtpKeyMaterial server = SrtpKeyMaterial.split(exported, SrtpProfile.AEAD_AES_128_GCM);
        SrtpKeyMaterial client = SrtpKeyMaterial.split(exported, SrtpProfile.AEAD_AES_128_GCM);
        SrtpSession browserOut = SrtpSession.outbound(client, DtlsRole.CLIENT);
        SrtpSession workerIn = SrtpSession.inbound(server, DtlsRole.SERVER);
        SrtpSession workerOut = SrtpSession.outbound(server, DtlsRole.SERVER);

        byte[] buf = new byte[100];
        byte[] rtp = Hex.decode("80600001 00000000 11223344 0102030405");
        System.arraycopy(rtp, 0, buf, 0, rtp.length);
        int n = browserOut.protectRtp(buf, 0, rtp.length);
        byte[] copy = buf.clone();
        assertEquals(rtp.length, workerIn.unprotectRtp(buf, 0, n));
        // The worker's own outbound key is the other one: it must not verify the browser's packets.
        assertEquals(SrtpError.AUTHENTICATION_FAILED, new SrtpSession(server.localMasterKey(DtlsRole.SERVER))
                .unprotectRtp(copy, 0, n));
        assertTrue(workerOut.protectRtp(buf, 0, rtp.length) > 0);
    }

    @Test
    void wrongLengthIsRefusedWithTheLengthToAskFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKeyMaterial.split(new byte[56], SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        assertTrue(e.getMessage().contains("60"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SrtpKeyMaterial.split(null, SrtpProfile.AEAD_AES_128_GCM));
    }

    @Test
    void keysAreCopiedAndNeverPrinted() {
        byte[] exported = counting(60);
        SrtpKeyMaterial m = SrtpKeyMaterial.split(exported, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        exported[0] = 99;
        m.clientMasterKey().key()[1] = 99;
        assertArrayEquals(range(0, 16), m.clientMasterKey().key());
        assertFalse(m.clientMasterKey().toString().contains("0102"));
        assertTrue(m.toString().contains("redacted"));
    }
}
