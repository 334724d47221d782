package io.cpaas.sfu.stun;

import static io.cpaas.sfu.stun.StunFormat.*;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY under the short-term credential mechanism (RFC 5389 §10.1, §15.4): HMAC-SHA1
 * keyed with a password, over the message up to the attribute, with the header's length field
 * counting the message only up to the end of MESSAGE-INTEGRITY.
 *
 * <p>The key is the password's UTF-8 bytes. RFC 5389 asks for SASLprep first; ICE passwords are made
 * of ice-chars (ASCII letters, digits, '+', '/'), on which SASLprep changes nothing.
 *
 * <p>Holds a keyed {@link Mac} and scratch space: one instance per password, used by one thread.
 */
final class MessageIntegrity {

    private final Mac mac;
    private final byte[] lengthField = new byte[2];
    private final byte[] expected = new byte[MESSAGE_INTEGRITY_LENGTH];

    MessageIntegrity(String password) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA1 (java.security standard names).
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /**
     * Whether the message's MESSAGE-INTEGRITY was computed with our key. The received bytes are
     * left untouched: the adjusted length field is fed to the MAC separately. Compares in constant
     * time, so a forger learns nothing from how long a wrong guess took to refuse.
     */
    boolean matches(StunMessage message) {
        int miAt = message.messageIntegrityAt();
        if (miAt < 0) {
            return false;
        }
        byte[] buf = message.buffer();
        int off = message.offset();
        writeU16(lengthField, 0, miAt + ATTRIBUTE_HEADER_LENGTH + MESSAGE_INTEGRITY_LENGTH - off - HEADER_LENGTH);
        mac.update(buf, off, 2);
        mac.update(lengthField, 0, 2);
        mac.update(buf, off + 4, miAt - off - 4);
        finishInto(expected, 0);
        int difference = 0;
        int received = miAt + ATTRIBUTE_HEADER_LENGTH;
        for (int i = 0; i < MESSAGE_INTEGRITY_LENGTH; i++) {
            difference |= expected[i] ^ buf[received + i];
        }
        return difference == 0;
    }

    /**
     * Writes the HMAC of {@code buf[off, off+len)} to {@code out[outOff, outOff+20)}. The caller has
     * already set the header's length field as §15.4 says.
     */
    void compute(byte[] buf, int off, int len, byte[] out, int outOff) {
        mac.update(buf, off, len);
        finishInto(out, outOff);
    }

    private void finishInto(byte[] out, int outOff) {
        try {
            mac.doFinal(out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("caller left less than 20 bytes for MESSAGE-INTEGRITY", e);
        }
    }
}
