package io.cpaas.sfu.signal;

/** An error a client can act on, sent as {@code {"type":"error","code":…,"message":…}}. Codes are stable. */
public final class SignalError extends RuntimeException {

    public static final String BAD_MESSAGE = "bad-message";
    public static final String NOT_JOINED = "not-joined";
    public static final String ALREADY_JOINED = "already-joined";
    public static final String INVALID_TICKET = "invalid-ticket";
    public static final String NOT_ALLOWED = "not-allowed";
    public static final String UNKNOWN_TRACK = "unknown-track";
    public static final String MEDIA_FAILED = "media-failed";
    public static final String DRAINING = "draining";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String UNKNOWN_PARTICIPANT = "unknown-participant";

    private final String code;

    public SignalError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
