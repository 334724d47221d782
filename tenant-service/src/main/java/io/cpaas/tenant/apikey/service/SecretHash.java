package io.cpaas.tenant.apikey.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How key secrets are stored and compared. A secret carries 256 random bits, so a fast hash is
 * enough (no password stretching needed); comparison is constant-time.
 */
final class SecretHash {

    private SecretHash() {
    }

    static byte[] of(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean matches(String secret, byte[] expectedHash) {
        return MessageDigest.isEqual(of(secret), expectedHash);
    }
}
