package io.cpaas.sfu.stun;

/**
 * A datagram is not a well-formed STUN message. The caller drops it and counts {@link #reason()};
 * there is nothing to answer, since a malformed message cannot be trusted even for its transaction id.
 *
 * <p>Thrown for hostile or corrupt input, which anyone who can reach the port can send at will, so
 * it carries no stack trace: the reason says everything and building traces would be wasted work.
 */
public final class StunParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong, coarse enough to be a counter label. */
    public enum Reason {
        /** Fewer than the 20 bytes of a STUN header. */
        TOO_SHORT,
        /** First byte not 0–3 (RFC 7983) or the magic cookie missing: another protocol, or RFC 3489. */
        NOT_STUN,
        /** The header's length field does not match the datagram, or is not a multiple of 4. */
        LENGTH_MISMATCH,
        /** An attribute, with its padding, runs past the end of the message. */
        ATTRIBUTE_OVERRUN,
        /** A known attribute has a length its definition does not allow. */
        ATTRIBUTE_BAD_LENGTH,
        /** Something follows FINGERPRINT, which must be last (RFC 5389 §15.5). */
        ATTRIBUTE_AFTER_FINGERPRINT
    }

    private final Reason reason;

    StunParseException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
