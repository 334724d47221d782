package io.cpaas.sfu.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1): AES counter mode over the payload, then an 80-bit
 * HMAC-SHA1 tag over the packet followed by the 32-bit ROC (SRTP) or over the packet with its E/index
 * word (SRTCP). Unprotect verifies before it decrypts, so a packet that fails keeps its bytes.
 *
 * <p>Uses the JDK's {@code AES/CTR/NoPadding} and {@code HmacSHA1}, which HotSpot backs with AES-NI and
 * SHA intrinsics. The counter block is the RFC's IV as is: the JDK increments the whole 128-bit block,
 * which equals AES-CM's addition modulo 2^128.
 *
 * <p>Allocation per packet, all forced by the JDK API: {@code Cipher.init} needs a new
 * {@link IvParameterSpec} (which copies the IV, as does the cipher), about 110 bytes; {@code Mac.doFinal}
 * returns a fresh 20-byte array internally even when given an output buffer, about 40 bytes. The
 * payload goes through a reused scratch array and back, because the JDK copies the whole input
 * (about a packet's worth of garbage) when asked to encrypt in place.
 */
final class AesCmHmacSha1Transform implements SrtpTransform {

    private static final int TAG_LENGTH = 10;
    private static final int INITIAL_SCRATCH = 1500;
    private static final int MAX_PACKET = 65536;

    private final Cipher ctr;
    private final SecretKeySpec key;
    private final Mac hmac;
    private final byte[] salt;
    private final byte[] counter = new byte[16];
    private final byte[] digest = new byte[20];
    private final byte[] word = new byte[4];
    private byte[] scratch = new byte[INITIAL_SCRATCH];

    AesCmHmacSha1Transform(SrtpSessionKeys keys) {
        if (keys.salt().length != 14) {
            throw new IllegalArgumentException("AES-CM session salt must be 14 bytes");
        }
        this.salt = keys.salt().clone();
        this.key = new SecretKeySpec(keys.encryptionKey(), "AES");
        try {
            this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
            this.hmac = Mac.getInstance("HmacSHA1");
            this.hmac.init(new SecretKeySpec(keys.authKey(), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR or HmacSHA1 is not available in this JDK", e);
        }
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        applyKeystream(buf, off + headerLength, len - headerLength, ssrc, index);
        BigEndian.writeInt(word, 0, (int) (index >>> 16));
        computeTag(buf, off, len, word);
        System.arraycopy(digest, 0, buf, off + len, TAG_LENGTH);
        return len + TAG_LENGTH;
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        int authenticated = len - TAG_LENGTH;
        BigEndian.writeInt(word, 0, (int) (index >>> 16));
        computeTag(buf, off, authenticated, word);
        if (!tagMatches(buf, off + authenticated)) {
            return SrtpError.AUTHENTICATION_FAILED;
        }
        applyKeystream(buf, off + headerLength, authenticated - headerLength, ssrc, index);
        return authenticated;
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex) {
        applyKeystream(buf, off + 8, len - 8, ssrc, srtcpIndex);
        BigEndian.writeInt(buf, off + len, 0x80000000 | srtcpIndex);
        computeTag(buf, off, len + 4, null);
        System.arraycopy(digest, 0, buf, off + len + 4, TAG_LENGTH);
        return len + 4 + TAG_LENGTH;
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted) {
        int authenticated = len - TAG_LENGTH;
        computeTag(buf, off, authenticated, null);
        if (!tagMatches(buf, off + authenticated)) {
            return SrtpError.AUTHENTICATION_FAILED;
        }
        int rtcpLength = authenticated - 4;
        if (encrypted) {
            applyKeystream(buf, off + 8, rtcpLength - 8, ssrc, srtcpIndex);
        }
        return rtcpLength;
    }

    @Override
    public int rtcpIndexWordOffset(int len) {
        return len - TAG_LENGTH - 4;
    }

    /** XORs the AES-CM keystream for (SSRC, index) into the range: IV = salt·2^16 ⊕ SSRC·2^64 ⊕ index·2^16. */
    private void applyKeystream(byte[] buf, int off, int len, int ssrc, long index) {
        System.arraycopy(salt, 0, counter, 0, 14);
        counter[14] = 0;
        counter[15] = 0;
        counter[4] ^= (byte) (ssrc >>> 24);
        counter[5] ^= (byte) (ssrc >>> 16);
        counter[6] ^= (byte) (ssrc >>> 8);
        counter[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            counter[13 - i] ^= (byte) (index >>> (8 * i));
        }
        applyKeystream(counter, buf, off, len);
    }

    /** XORs the AES-CM keystream that starts at {@code counterBlock} into the range (RFC 3711 §4.1.1). */
    void applyKeystream(byte[] counterBlock, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (len > scratch.length && len <= MAX_PACKET) {
            scratch = new byte[Math.min(Math.max(len, 2 * scratch.length), MAX_PACKET)];
        }
        // Only the RFC 3711 B.2 test asks for more than a UDP datagram; it gets a one-off array.
        byte[] out = len <= scratch.length ? scratch : new byte[len];
        try {
            ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counterBlock));
            int n = ctr.doFinal(buf, off, len, out, 0);
            System.arraycopy(out, 0, buf, off, n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on a well-formed input", e);
        }
    }

    private void computeTag(byte[] buf, int off, int len, byte[] suffix) {
        hmac.update(buf, off, len);
        if (suffix != null) {
            hmac.update(suffix, 0, suffix.length);
        }
        try {
            hmac.doFinal(digest, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 failed", e);
        }
    }

    /** Constant-time comparison of the computed tag with the one in the packet. */
    private boolean tagMatches(byte[] buf, int tagOff) {
        int diff = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= digest[i] ^ buf[tagOff + i];
        }
        return diff == 0;
    }
}
