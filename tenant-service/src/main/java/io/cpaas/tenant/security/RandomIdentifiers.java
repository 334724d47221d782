package io.cpaas.tenant.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids and secrets: ids are lower-case base32 so they read well in URLs and logs. */
public final class RandomIdentifiers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private RandomIdentifiers() {
    }

    /** {@code prefix} followed by 20 base32 characters (100 random bits). */
    public static String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 20).append(prefix);
        for (int i = 0; i < 20; i++) {
            id.append(BASE32[RANDOM.nextInt(32)]);
        }
        return id.toString();
    }

    /** {@code prefix} followed by 256 random bits in unpadded base64url (43 characters). */
    public static String secret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
