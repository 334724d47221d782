package io.cpaas.sfu.stun;

import java.security.SecureRandom;

/**
 * An ICE ufrag and password (RFC 8839 §5.4): what {@code a=ice-ufrag} / {@code a=ice-pwd} carry and
 * what keys MESSAGE-INTEGRITY. Both are made of ice-chars (ASCII letters, digits, '+', '/'); the
 * ufrag is 4–256 of them, the password 22–256.
 *
 * <p>{@link #random()} makes ours. The ufrag is how the transport finds a session from a check, so
 * it gets 8 characters (48 bits) to keep collisions between live sessions negligible, though the
 * transport must still refuse a duplicate; the password gets 24 (144 bits; RFC 8839 §5.4 asks for
 * at least 24 bits of randomness in a ufrag and 128 in a password). {@link #toString()} leaves the password out so it cannot reach a log by accident.
 */
public record IceCredentials(String ufrag, String password) {

    public static final int RANDOM_UFRAG_LENGTH = 8;
    public static final int RANDOM_PASSWORD_LENGTH = 24;

    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @throws IllegalArgumentException if either is null, of the wrong length, or has a character
     *                                  outside the ice-char set
     */
    public IceCredentials {
        requireIceChars("ufrag", ufrag, 4);
        requireIceChars("password", password, 22);
    }

    /** Fresh credentials for one of our sessions, from a {@link SecureRandom}. */
    public static IceCredentials random() {
        return new IceCredentials(randomIceChars(RANDOM_UFRAG_LENGTH), randomIceChars(RANDOM_PASSWORD_LENGTH));
    }

    private static String randomIceChars(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    private static void requireIceChars(String what, String value, int minLength) {
        if (value == null || value.length() < minLength || value.length() > 256) {
            throw new IllegalArgumentException("ICE " + what + " must be " + minLength + "–256 ice-chars, was "
                    + (value == null ? "null" : value.length() + " characters"));
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException("ICE " + what + " has a character outside ALPHA / DIGIT / '+' / '/'"
                        + " at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=(" + password.length() + " characters)]";
    }
}
