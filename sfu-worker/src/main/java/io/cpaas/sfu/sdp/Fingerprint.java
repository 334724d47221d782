package io.cpaas.sfu.sdp;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A certificate fingerprint of RFC 8122 ({@code a=fingerprint:sha-256 AB:CD:…}): the hash function, lower case,
 * and the digest as upper-case hex pairs joined by colons. The DTLS layer compares the peer certificate's
 * digest against it; without that check anyone who reaches the port can take over the session.
 */
public record Fingerprint(String algorithm, String value) {

    private static final Map<String, Integer> DIGEST_LENGTHS = Map.of(
            "sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64, "md5", 16, "md2", 16);

    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
        String problem = problem(algorithm, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A SHA-256 fingerprint of a certificate whose digest the caller computed. */
    public static Fingerprint sha256(byte[] digest) {
        StringBuilder b = new StringBuilder(digest.length * 3);
        HexFormat hex = HexFormat.of().withUpperCase();
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex.toHexDigits(digest[i]));
        }
        return new Fingerprint("sha-256", b.toString());
    }

    /** The digest bytes, for comparing with the digest of the certificate the peer presented. */
    public byte[] digest() {
        byte[] out = new byte[(value.length() + 1) / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) HexFormat.fromHexDigits(value, i * 3, i * 3 + 2);
        }
        return out;
    }

    /** The attribute value: {@code sha-256 AB:CD:…}. */
    public String attributeValue() {
        return algorithm + " " + value;
    }

    /** Why an algorithm and value do not form a fingerprint, or null when they do. */
    static String problem(String algorithm, String value) {
        if (!SdpSyntax.isToken(algorithm, 32)) {
            return "fingerprint hash function " + SdpSyntax.quote(algorithm) + " is not a token";
        }
        int length = value.length();
        if (length < 2 || length % 3 != 2) {
            return "fingerprint value must be hex pairs separated by colons, found " + SdpSyntax.quote(value);
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return "fingerprint value must be hex pairs separated by colons, found " + SdpSyntax.quote(value);
            }
        }
        Integer expected = DIGEST_LENGTHS.get(algorithm.toLowerCase(Locale.ROOT));
        int bytes = (length + 1) / 3;
        if (expected != null && expected != bytes) {
            return algorithm + " fingerprint must have " + expected + " bytes, found " + bytes;
        }
        return null;
    }
}
