package io.cpaas.sfu.dtls;

import java.util.Optional;

/**
 * The SRTP protection profiles the worker accepts in the DTLS {@code use_srtp} extension (RFC 5764 §4.1.2,
 * RFC 7714 §14.2), with the master key and salt lengths that size the exported keying material.
 */
public enum SrtpProtectionProfile {
    /** RFC 5764: AES-128 counter mode, HMAC-SHA1 with an 80-bit tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
    /** RFC 7714: AEAD AES-128-GCM with a 16-byte tag. */
    AEAD_AES_128_GCM(0x0007, 16, 12);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProtectionProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The two-byte SRTPProtectionProfile value on the wire. */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** {@code 2 * (keyLength + saltLength)}: what is exported with the label "EXTRACTOR-dtls_srtp". */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /** The profile with this wire value, if the worker supports it. */
    public static Optional<SrtpProtectionProfile> fromId(int id) {
        for (SrtpProtectionProfile profile : values()) {
            if (profile.id == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
