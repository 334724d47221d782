package io.cpaas.sfu.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function: AES-CM as a PRF keyed with the master key (RFC 3711 §4.3.1, §4.3.3),
 * with a key derivation rate of 0, so each session key is derived once.
 *
 * <p>The PRF input is the master salt with the label XORed into its eighth byte (the label sits just
 * above the 48-bit {@code index DIV kdr}, which is zero), shifted left by 16 bits to make the first
 * counter block. GCM's 96-bit master salt is first padded to 112 bits with two zero bytes, per RFC 7714
 * §11 and its verified erratum 4938.
 */
final class SrtpKeyDerivation {

    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTHENTICATION = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTHENTICATION = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    private SrtpKeyDerivation() {
    }

    /** {@code length} bytes of PRF output for {@code label}. Runs once per session key, so it may allocate. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterSalt.length > 14) {
            throw new IllegalArgumentException("master salt longer than 112 bits");
        }
        byte[] counter = new byte[16];
        System.arraycopy(masterSalt, 0, counter, 0, masterSalt.length);
        counter[7] ^= (byte) label;
        try {
            Cipher prf = Cipher.getInstance("AES/CTR/NoPadding");
            prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(counter));
            return prf.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is not available in this JDK", e);
        }
    }
}
