package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.3, and the GCM salt padding of RFC 7714 §11 (erratum 4938). */
class SrtpKeyDerivationTests {

    private static final byte[] MASTER_KEY = Hex.decode("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.decode("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void cipherKeyMatchesRfc3711AppendixB3() {
        assertArrayEquals(Hex.decode("C61E7A93744F39EE10734AFE3FF7A087"),
                SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16));
    }

    @Test
    void cipherSaltMatchesRfc3711AppendixB3() {
        assertArrayEquals(Hex.decode("30CBBC08863D8C85D49DB34A9AE1"),
                SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_SALT, 14));
    }

    @Test
    void all94BytesOfTheAuthKeyMatchRfc3711AppendixB3() {
        byte[] expected = Hex.decode("""
                CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE
                E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25
                6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2""");
        assertArrayEquals(expected,
                SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_AUTHENTICATION, 94));
    }

    @Test
    void sessionKeysTakeTheHmacKeyAsTheFirst20BytesOfLabel1() {
        SrtpSessionKeys keys = SrtpSessionKeys.forRtp(
                SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT));
        assertArrayEquals(Hex.decode("C61E7A93744F39EE10734AFE3FF7A087"), keys.encryptionKey());
        assertArrayEquals(Hex.decode("30CBBC08863D8C85D49DB34A9AE1"), keys.salt());
        assertArrayEquals(Hex.decode("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.authKey());
    }

    @Test
    void rtcpKeysUseLabels3To5AndDifferFromRtpKeys() {
        SrtpMasterKey master = SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        SrtpSessionKeys rtcp = SrtpSessionKeys.forRtcp(master);
        assertArrayEquals(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 3, 16), rtcp.encryptionKey());
        assertArrayEquals(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 4, 20), rtcp.authKey());
        assertArrayEquals(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 5, 14), rtcp.salt());
        assertEquals(false, java.util.Arrays.equals(rtcp.encryptionKey(), SrtpSessionKeys.forRtp(master).encryptionKey()));
    }

    @Test
    void gcmTwelveByteSaltIsPaddedWithTwoZeroBytes() {
        byte[] key = Hex.decode("000102030405060708090a0b0c0d0e0f");
        byte[] salt12 = Hex.decode("404142434445464748494a4b");
        byte[] salt14 = Hex.decode("404142434445464748494a4b0000");
        SrtpSessionKeys keys = SrtpSessionKeys.forRtp(SrtpMasterKey.of(SrtpProfile.AEAD_AES_128_GCM, key, salt12));
        assertArrayEquals(SrtpKeyDerivation.derive(key, salt14, 0, 16), keys.encryptionKey());
        assertArrayEquals(SrtpKeyDerivation.derive(key, salt14, 2, 12), keys.salt());
        assertEquals(0, keys.authKey().length);
        // Cross-check with the value libsrtp-compatible implementations (webrtc-rs) derive for this input.
        assertArrayEquals(Hex.decode("1fcd5d561e66dc49ec1c3ccb"), keys.salt());
    }
}
