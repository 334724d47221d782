package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 3711 Appendix B.2 (AES-CM keystream), and libsrtp's reference AES_CM_128_HMAC_SHA1_80 packets
 * (test/srtp_driver.c), which cover IV, HMAC over packet||ROC and the SRTCP trailer end to end.
 */
class AesCmHmacSha1TransformTests {

    private static final byte[] B2_KEY = Hex.decode("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] B2_SALT = Hex.decode("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    private static final int B2_SEGMENT = 1044512;

    private static final byte[] MASTER_KEY = Hex.decode("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] MASTER_SALT = Hex.decode("0ec675ad498afeebb6960b3aabe6");

    private static SrtpSessionKeys b2Keys() {
        return new SrtpSessionKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B2_KEY, B2_SALT, new byte[20]);
    }

    @Test
    void keystreamSegmentStartsAndEndsAsRfc3711AppendixB2() {
        AesCmHmacSha1Transform t = new AesCmHmacSha1Transform(b2Keys());
        byte[] stream = new byte[B2_SEGMENT];
        t.applyKeystream(Hex.decode("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), stream, 0, stream.length);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0", Hex.encode(stream, 0, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae"
                + "6a2cc3787889374fbeb4c81b17ba6c44", Hex.encode(stream, B2_SEGMENT - 48, 48));
    }

    @Test
    void rtpPacketWithSsrcZeroAndIndexZeroIsEncryptedWithTheAppendixB2Keystream() {
        SrtpSession session = new SrtpSession(b2Keys(), b2Keys(), 4);
        byte[] buf = new byte[12 + 48 + 10];
        buf[0] = (byte) 0x80;
        assertEquals(70, session.protectRtp(buf, 0, 60));
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0", Hex.encode(buf, 12, 48));
    }

    @Test
    void rtpReferencePacketMatchesLibsrtp() {
        SrtpMasterKey master = SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        byte[] plain = Hex.decode("800f1234decafbadcafebabe abababababababababababababababab");
        byte[] expected = Hex.decode("800f1234decafbadcafebabe 4e55dc4ce79978d88ca4d215949d2402 b78d6acc99ea179b8dbb");
        byte[] buf = Arrays.copyOf(plain, 64);
        int n = new SrtpSession(master).protectRtp(buf, 0, plain.length);
        assertArrayEquals(expected, Arrays.copyOf(buf, n));

        assertEquals(plain.length, new SrtpSession(master).unprotectRtp(buf, 0, n));
        assertArrayEquals(plain, Arrays.copyOf(buf, plain.length));
    }

    @Test
    void srtcpReferencePacketMatchesLibsrtp() {
        SrtpMasterKey master = SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        byte[] plain = Hex.decode("81c8000bcafebabe abababababababababababababababab");
        byte[] expected = Hex.decode("81c8000bcafebabe 7128035be487b9bdbef89041f977a5a8 80000001 993e08cd54d6c1230798");
        // libsrtp numbers its first SRTCP packet 1; RFC 3711 §3.4 (and SrtpSession) start at 0.
        AesCmHmacSha1Transform t = new AesCmHmacSha1Transform(SrtpSessionKeys.forRtcp(master));
        byte[] buf = Arrays.copyOf(plain, 64);
        int n = t.protectRtcp(buf, 0, plain.length, 0xcafebabe, 1);
        assertArrayEquals(expected, Arrays.copyOf(buf, n));

        assertEquals(plain.length, new SrtpSession(master).unprotectRtcp(buf, 0, n));
        assertArrayEquals(plain, Arrays.copyOf(buf, plain.length));
    }

    @Test
    void unencryptedSrtcpIsAuthenticatedAndLeftReadable() throws Exception {
        SrtpMasterKey master = SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        byte[] plain = Hex.decode("81c8000bcafebabe abababababababababababababababab");
        // E = 0, index 5: the packet and its index word go in the clear under an HMAC-SHA1 tag (RFC 3711 §3.4).
        byte[] buf = Arrays.copyOf(plain, plain.length + 14);
        BigEndian.writeInt(buf, plain.length, 5);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(SrtpSessionKeys.forRtcp(master).authKey(), "HmacSHA1"));
        mac.update(buf, 0, plain.length + 4);
        System.arraycopy(mac.doFinal(), 0, buf, plain.length + 4, 10);

        byte[] tampered = buf.clone();
        tampered[10] ^= 1;
        assertEquals(SrtpError.AUTHENTICATION_FAILED, new SrtpSession(master).unprotectRtcp(tampered, 0, buf.length));
        assertEquals(plain.length, new SrtpSession(master).unprotectRtcp(buf, 0, buf.length));
        assertArrayEquals(plain, Arrays.copyOf(buf, plain.length));
    }

    @Test
    void keystreamLongerThanTheScratchBufferIsStillApplied() {
        AesCmHmacSha1Transform t = new AesCmHmacSha1Transform(b2Keys());
        byte[] counter = Hex.decode("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        byte[] big = new byte[9000];
        t.applyKeystream(counter, big, 0, big.length);
        byte[] whole = new byte[B2_SEGMENT];
        t.applyKeystream(counter, whole, 0, whole.length);
        assertArrayEquals(Arrays.copyOf(whole, 9000), big);
    }
}
