package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16.1 (SRTP) and §17.1 (SRTCP) AEAD_AES_128_GCM vectors, encryption and decryption. The RFC
 * gives the session key and salt directly, so the session is built from session keys (no KDF).
 */
class AesGcmTransformTests {

    private static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SALT = Hex.decode("517569642070726f2071756f");

    private static final byte[] RTP_PLAIN = Hex.decode("""
            8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973
            20646976 69736120 696e2070 61727465 73207472 6573""");
    private static final byte[] RTP_PROTECTED = Hex.decode("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca
            be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1
            6a9152cf 765ee439 0cce""");

    private static final byte[] RTCP_PLAIN = Hex.decode("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930
            4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef""");
    private static final byte[] RTCP_PROTECTED = Hex.decode("""
            81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7
            6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458
            96cf4d2f c5abf872 45d9eade 800005d4""");

    private static SrtpSessionKeys keys() {
        return new SrtpSessionKeys(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, new byte[0]);
    }

    private static SrtpSession session() {
        return new SrtpSession(keys(), keys(), 16);
    }

    @Test
    void rtpEncryptionMatchesRfc7714Section16() {
        byte[] buf = Arrays.copyOf(RTP_PLAIN, 128);
        int n = session().protectRtp(buf, 0, RTP_PLAIN.length);
        assertArrayEquals(RTP_PROTECTED, Arrays.copyOf(buf, n));
    }

    @Test
    void rtpDecryptionMatchesRfc7714Section16() {
        byte[] buf = Arrays.copyOf(RTP_PROTECTED, 128);
        assertEquals(RTP_PLAIN.length, session().unprotectRtp(buf, 0, RTP_PROTECTED.length));
        assertArrayEquals(RTP_PLAIN, Arrays.copyOf(buf, RTP_PLAIN.length));
    }

    @Test
    void rtpVectorAlsoWorksAtAnOffsetInALargerBuffer() {
        byte[] buf = new byte[300];
        System.arraycopy(RTP_PROTECTED, 0, buf, 100, RTP_PROTECTED.length);
        assertEquals(RTP_PLAIN.length, session().unprotectRtp(buf, 100, RTP_PROTECTED.length));
        assertArrayEquals(RTP_PLAIN, Arrays.copyOfRange(buf, 100, 100 + RTP_PLAIN.length));
    }

    @Test
    void srtcpEncryptionMatchesRfc7714Section17WithTheIndexWordAfterTheTag() {
        AesGcmTransform t = new AesGcmTransform(keys());
        byte[] buf = Arrays.copyOf(RTCP_PLAIN, 128);
        int n = t.protectRtcp(buf, 0, RTCP_PLAIN.length, 0x4d617273, 0x5d4);
        assertArrayEquals(RTCP_PROTECTED, Arrays.copyOf(buf, n));
    }

    @Test
    void srtcpDecryptionMatchesRfc7714Section17() {
        byte[] buf = Arrays.copyOf(RTCP_PROTECTED, 128);
        assertEquals(RTCP_PLAIN.length, session().unprotectRtcp(buf, 0, RTCP_PROTECTED.length));
        assertArrayEquals(RTCP_PLAIN, Arrays.copyOf(buf, RTCP_PLAIN.length));
    }

    @Test
    void unencryptedSrtcpIsAuthenticatedOverTheWholePacketAndLeftReadable() {
        AesGcmTransform t = new AesGcmTransform(keys());
        // Build an E=0 packet the way RFC 7714 §9.3 describes: all of it AAD, the tag over nothing.
        byte[] buf = Arrays.copyOf(RTCP_PLAIN, 128);
        int rtcpLen = RTCP_PLAIN.length;
        byte[] tag = gcmTagOnly(buf, rtcpLen, 0x4d617273, 7);
        System.arraycopy(tag, 0, buf, rtcpLen, 16);
        BigEndian.writeInt(buf, rtcpLen + 16, 7);
        int n = rtcpLen + 20;

        byte[] tampered = buf.clone();
        tampered[20] ^= 1;
        assertEquals(rtcpLen, session().unprotectRtcp(buf, 0, n));
        assertArrayEquals(RTCP_PLAIN, Arrays.copyOf(buf, rtcpLen));
        assertEquals(SrtpError.AUTHENTICATION_FAILED, session().unprotectRtcp(tampered, 0, n));
    }

    private static byte[] gcmTagOnly(byte[] packet, int len, int ssrc, int index) {
        try {
            byte[] iv = new byte[12];
            BigEndian.writeInt(iv, 2, ssrc);
            BigEndian.writeInt(iv, 8, index);
            for (int i = 0; i < 12; i++) {
                iv[i] ^= SALT[i];
            }
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(KEY, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, iv));
            c.updateAAD(packet, 0, len);
            byte[] word = new byte[4];
            BigEndian.writeInt(word, 0, index);
            c.updateAAD(word);
            return c.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
