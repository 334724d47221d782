package io.cpaas.sfu.srtp;

/**
 * The negative results of {@link SrtpSession}'s protect and unprotect methods.
 *
 * <p>Plain {@code int} codes rather than exceptions or enums so the per-packet path neither allocates nor
 * unwinds. Every code means "drop this packet"; they differ in what to count and what to look into.
 */
public final class SrtpError {

    /** The tag did not verify: wrong key (check the DTLS role and key order), corruption, or forgery. */
    public static final int AUTHENTICATION_FAILED = -1;

    /** This index was already accepted (unprotect) or already used (protect): a duplicate or a replay. */
    public static final int REPLAYED = -2;

    /** The index is older than the 64-packet replay window, so a replay can no longer be ruled out. */
    public static final int TOO_OLD = -3;

    /** Not an RTP/RTCP version 2 packet, too short for its header and tag, or off/len outside the buffer. */
    public static final int MALFORMED = -4;

    /** protect: the buffer has no room after the packet for the trailer; leave {@code rtpOverhead()}/{@code rtcpOverhead()} bytes free. */
    public static final int NO_ROOM_FOR_TAG = -5;

    /** A new SSRC arrived while the session already tracks its maximum; remove stale streams or raise the limit. */
    public static final int TOO_MANY_STREAMS = -6;

    /** The SRTP (2^48) or SRTCP (2^31) index space of this key is used up: re-key with a new DTLS handshake. */
    public static final int KEY_EXHAUSTED = -7;

    static final int COUNT = 8;

    private SrtpError() {
    }

    /** A sentence for logs and stats labels; "ok" for non-negative values. */
    public static String describe(int code) {
        return switch (code) {
            case AUTHENTICATION_FAILED -> "authentication failed";
            case REPLAYED -> "replayed";
            case TOO_OLD -> "older than the replay window";
            case MALFORMED -> "malformed";
            case NO_ROOM_FOR_TAG -> "no room for the tag";
            case TOO_MANY_STREAMS -> "too many streams";
            case KEY_EXHAUSTED -> "key exhausted";
            default -> code >= 0 ? "ok" : "unknown error " + code;
        };
    }
}
