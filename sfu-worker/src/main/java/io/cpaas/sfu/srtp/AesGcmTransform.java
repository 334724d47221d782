package io.cpaas.sfu.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM (RFC 7714): one GCM pass encrypts the payload and authenticates the header with it.
 *
 * <ul>
 *   <li>SRTP (§8.1, §8.2): IV = salt ⊕ (00 00 | SSRC | ROC | SEQ); AAD = the RTP header with CSRCs and
 *       extension; the 16-byte tag follows the ciphertext.</li>
 *   <li>SRTCP (§9.1, §9.2): IV = salt ⊕ (00 00 | SSRC | 00 00 | 0 | 31-bit index); AAD = the first 8
 *       bytes then the E/index word; the word goes <em>after</em> the tag, the reverse of AES-CM's order.
 *       With E = 0 (§9.3) the whole packet and the word are AAD and only a tag is computed; this side
 *       always sends E = 1 and accepts both.</li>
 * </ul>
 *
 * <p>Allocation per packet, forced by the JDK: {@code Cipher.init} needs a new {@link GCMParameterSpec},
 * and JDK 17's GCM builds fresh GCTR/GHASH state on every init (about 1 KB per packet in all). A bad tag
 * surfaces as an {@link AEADBadTagException}, which is caught and turned into
 * {@link SrtpError#AUTHENTICATION_FAILED}. A reused (key, IV) pair on encryption is refused by the JDK;
 * {@link SrtpSession} never reaches that because it refuses to protect an index twice.
 */
final class AesGcmTransform implements SrtpTransform {

    private static final int TAG_LENGTH = 16;
    private static final int TAG_BITS = 128;

    private final Cipher gcm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final byte[] iv = new byte[12];
    private final byte[] word = new byte[4];

    AesGcmTransform(SrtpSessionKeys keys) {
        if (keys.salt().length != 12) {
            throw new IllegalArgumentException("AES-GCM session salt must be 12 bytes");
        }
        this.salt = keys.salt().clone();
        this.key = new SecretKeySpec(keys.encryptionKey(), "AES");
        try {
            this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JDK", e);
        }
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(buf, off, headerLength);
            int n = gcm.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
            return headerLength + n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed on a well-formed input", e);
        }
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(buf, off, headerLength);
            int n = gcm.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
            return headerLength + n;
        } catch (AEADBadTagException e) {
            return SrtpError.AUTHENTICATION_FAILED;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed on a well-formed input", e);
        }
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex) {
        rtcpIv(ssrc, srtcpIndex);
        BigEndian.writeInt(word, 0, 0x80000000 | srtcpIndex);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(buf, off, 8);
            gcm.updateAAD(word, 0, 4);
            int n = gcm.doFinal(buf, off + 8, len - 8, buf, off + 8);
            System.arraycopy(word, 0, buf, off + 8 + n, 4);
            return 8 + n + 4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed on a well-formed input", e);
        }
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted) {
        rtcpIv(ssrc, srtcpIndex);
        int wordOff = off + len - 4;
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            if (encrypted) {
                gcm.updateAAD(buf, off, 8);
                gcm.updateAAD(buf, wordOff, 4);
                int n = gcm.doFinal(buf, off + 8, len - 4 - 8, buf, off + 8);
                return 8 + n;
            }
            // Authentication only: the packet and its E/index word are all AAD, the "ciphertext" is the tag.
            int rtcpLength = len - 4 - TAG_LENGTH;
            gcm.updateAAD(buf, off, rtcpLength);
            gcm.updateAAD(buf, wordOff, 4);
            gcm.doFinal(buf, off + rtcpLength, TAG_LENGTH, buf, off + rtcpLength);
            return rtcpLength;
        } catch (AEADBadTagException e) {
            return SrtpError.AUTHENTICATION_FAILED;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed on a well-formed input", e);
        }
    }

    @Override
    public int rtcpIndexWordOffset(int len) {
        return len - 4;
    }

    private void rtpIv(int ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        BigEndian.writeInt(iv, 2, ssrc);
        BigEndian.writeInt(iv, 6, (int) (index >>> 16));
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt();
    }

    private void rtcpIv(int ssrc, int srtcpIndex) {
        iv[0] = 0;
        iv[1] = 0;
        BigEndian.writeInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        BigEndian.writeInt(iv, 8, srtcpIndex & 0x7FFFFFFF);
        xorSalt();
    }

    private void xorSalt() {
        for (int i = 0; i < 12; i++) {
            iv[i] ^= salt[i];
        }
    }
}
