package io.cpaas.sfu.srtp;

/**
 * The cryptographic half of SRTP for one key set: encrypts and tags, or verifies and decrypts, a packet
 * in place once {@link SrtpSession} has parsed it and chosen its index. Knows nothing of replay or
 * rollover; one instance per key set (SRTP or SRTCP) per session, never shared between threads.
 */
interface SrtpTransform {

    /** Encrypts {@code [off+headerLength, off+len)}, appends the tag; returns the new length. */
    int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /** Verifies and decrypts; returns the plaintext length or {@link SrtpError#AUTHENTICATION_FAILED}. */
    int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /** Encrypts after the first 8 bytes and appends the E flag, the index and the tag; returns the new length. */
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex);

    /**
     * Verifies, and decrypts when {@code encrypted}; returns the RTCP length (trailer removed) or
     * {@link SrtpError#AUTHENTICATION_FAILED}.
     */
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted);

    /** Where the E flag and SRTCP index word sits in a protected RTCP packet of length {@code len}. */
    int rtcpIndexWordOffset(int len);

    static SrtpTransform create(SrtpSessionKeys keys) {
        return keys.profile().isAead() ? new AesGcmTransform(keys) : new AesCmHmacSha1Transform(keys);
    }
}
