package io.cpaas.sfu.srtp;

import java.util.Arrays;

/**
 * One side's SRTP master key and master salt for a profile: what an {@link SrtpSession} is built from.
 *
 * <p>Holds private copies; {@link #toString()} never prints key material.
 */
public final class SrtpMasterKey {

    private final SrtpProfile profile;
    private final byte[] key;
    private final byte[] salt;

    private SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {
        this.profile = profile;
        this.key = key;
        this.salt = salt;
    }

    /**
     * A master key from its parts.
     *
     * @throws IllegalArgumentException when a length does not match the profile
     */
    public static SrtpMasterKey of(SrtpProfile profile, byte[] key, byte[] salt) {
        if (profile == null) {
            throw new IllegalArgumentException("SRTP profile is required");
        }
        if (key == null || key.length != profile.masterKeyLength()) {
            throw new IllegalArgumentException("SRTP master key for " + profile + " must be "
                    + profile.masterKeyLength() + " bytes, got " + (key == null ? "null" : key.length));
        }
        if (salt == null || salt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException("SRTP master salt for " + profile + " must be "
                    + profile.masterSaltLength() + " bytes, got " + (salt == null ? "null" : salt.length));
        }
        return new SrtpMasterKey(profile, key.clone(), salt.clone());
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** A copy of the master key. */
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the master salt. */
    public byte[] salt() {
        return salt.clone();
    }

    byte[] keyUnsafe() {
        return key;
    }

    byte[] saltUnsafe() {
        return salt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey other && profile == other.profile
                && Arrays.equals(key, other.key) && Arrays.equals(salt, other.salt);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * profile.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + ", key and salt redacted]";
    }
}
