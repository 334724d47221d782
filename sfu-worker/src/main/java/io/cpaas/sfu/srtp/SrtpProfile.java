package io.cpaas.sfu.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles the worker negotiates in the DTLS {@code use_srtp} extension
 * (RFC 5764 §4.1.2, RFC 7714 §14.2), with the lengths each one fixes.
 *
 * <p>Both profiles use the same tag length for SRTP and SRTCP, so one {@link #authTagLength()} serves
 * both. MKI is never used (WebRTC does not negotiate it).
 */
public enum SrtpProfile {

    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711, RFC 5764 §4.1.2). */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 20, false),

    /** AES-128 GCM with a 128-bit tag and a 96-bit salt (RFC 7714). */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 0, true);

    private final int dtlsProtectionProfileId;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int authTagLength;
    private final int sessionAuthKeyLength;
    private final boolean aead;

    SrtpProfile(int dtlsProtectionProfileId, int masterKeyLength, int masterSaltLength,
                int authTagLength, int sessionAuthKeyLength, boolean aead) {
        this.dtlsProtectionProfileId = dtlsProtectionProfileId;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.authTagLength = authTagLength;
        this.sessionAuthKeyLength = sessionAuthKeyLength;
        this.aead = aead;
    }

    /** The two-byte SRTPProtectionProfile value carried in the DTLS {@code use_srtp} extension. */
    public int dtlsProtectionProfileId() {
        return dtlsProtectionProfileId;
    }

    /** Master key length in bytes; the session encryption key has the same length. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt length in bytes (14 for AES-CM, 12 for GCM); the session salt has the same length. */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Authentication tag length in bytes, for SRTP and SRTCP alike. */
    public int authTagLength() {
        return authTagLength;
    }

    /** Session authentication key length in bytes (HMAC-SHA1 key); 0 for AEAD profiles. */
    int sessionAuthKeyLength() {
        return sessionAuthKeyLength;
    }

    /** Whether the cipher authenticates itself (GCM) rather than relying on a separate HMAC. */
    public boolean isAead() {
        return aead;
    }

    /** Bytes {@code protectRtp} adds to a packet: the tag. */
    public int rtpOverhead() {
        return authTagLength;
    }

    /** Bytes {@code protectRtcp} adds to a packet: the E flag with the 31-bit SRTCP index, and the tag. */
    public int rtcpOverhead() {
        return 4 + authTagLength;
    }

    /**
     * How many bytes to ask the DTLS exporter for ({@code EXTRACTOR-dtls_srtp}, RFC 5764 §4.2):
     * a key and a salt for each side.
     */
    public int exportedKeyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    /** The profile for a negotiated {@code use_srtp} value, or empty when the worker does not support it. */
    public static Optional<SrtpProfile> fromDtlsProtectionProfileId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.dtlsProtectionProfileId == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
