package io.cpaas.sfu.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as carried by SDP {@code a=fingerprint} (RFC 8122 §5): {@code sha-256} followed by
 * the digest of the DER certificate as upper-case hex pairs joined by colons. Only SHA-256 is accepted: it is
 * what browsers send, and accepting weaker hashes would weaken the check that binds DTLS to the signaling.
 */
public final class DtlsFingerprint {

    public static final String ALGORITHM = "sha-256";
    private static final int DIGEST_LENGTH = 32;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final byte[] digest;

    private DtlsFingerprint(byte[] digest) {
        this.digest = digest;
    }

    /** The fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint of(byte[] derCertificate) {
        Objects.requireNonNull(derCertificate, "derCertificate");
        return new DtlsFingerprint(sha256(derCertificate));
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code "sha-256 AB:CD:…"} (hash name and hex
     * are case-insensitive).
     *
     * @throws IllegalArgumentException naming what is wrong: another hash algorithm than sha-256, or a malformed
     *                                  value; the offer or answer carrying it should be refused
     */
    public static DtlsFingerprint parse(String sdpValue) {
        Objects.requireNonNull(sdpValue, "sdpValue");
        String[] parts = sdpValue.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a=fingerprint must be '<hash-function> <hex:hex:...>', got '"
                    + sdpValue + "'");
        }
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        if (!ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("a=fingerprint uses hash function '" + parts[0]
                    + "'; only sha-256 is accepted (every WebRTC browser offers it)");
        }
        String hex = parts[1];
        if (hex.length() != DIGEST_LENGTH * 3 - 1) {
            throw new IllegalArgumentException("a sha-256 fingerprint has 32 colon-separated hex pairs, got '"
                    + hex + "'");
        }
        byte[] digest = new byte[DIGEST_LENGTH];
        for (int i = 0; i < DIGEST_LENGTH; i++) {
            int at = i * 3;
            if (i > 0 && hex.charAt(at - 1) != ':') {
                throw new IllegalArgumentException("fingerprint hex pairs must be separated by ':', got '" + hex + "'");
            }
            int high = Character.digit(hex.charAt(at), 16);
            int low = Character.digit(hex.charAt(at + 1), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("fingerprint contains a non-hex character: '" + hex + "'");
            }
            digest[i] = (byte) (high << 4 | low);
        }
        return new DtlsFingerprint(digest);
    }

    /** Whether this fingerprint describes that DER-encoded certificate. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, sha256(derCertificate));
    }

    /** The SDP form, {@code "sha-256 AB:CD:…"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ALGORITHM.length() + 1 + DIGEST_LENGTH * 3);
        sb.append(ALGORITHM).append(' ');
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsFingerprint that && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
