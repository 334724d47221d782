package io.cpaas.sfu.stun;

/**
 * What {@link IceLiteResponder} did with one request: whether it wrote an answer (and how long),
 * whether the peer proved it holds our password, and whether it nominated the pair.
 *
 * @param status         what happened; a counter label
 * @param responseLength bytes written to the output buffer, 0 when there is nothing to send
 * @param nominated      an authenticated, successful check carrying USE-CANDIDATE: the browser has
 *                       chosen the 5-tuple this request came from
 */
public record BindingOutcome(Status status, int responseLength, boolean nominated) {

    public enum Status {
        /** Authenticated; a Binding success response was written. Counts as consent (RFC 7675). */
        SUCCESS(0, true),
        /** Authenticated, but the sender also claims the controlled role: 487 Role Conflict written. */
        ROLE_CONFLICT(487, true),
        /** Authenticated, but it carries comprehension-required attributes we do not know: 420 written. */
        UNKNOWN_ATTRIBUTE(420, true),
        /** USERNAME or MESSAGE-INTEGRITY missing: 400 Bad Request written, without integrity. */
        BAD_REQUEST(400, false),
        /** USERNAME not ours or MESSAGE-INTEGRITY wrong: 401 Unauthorized written, without integrity. */
        UNAUTHORIZED(401, false),
        /** Not a Binding request (an indication, a response, another method): nothing to answer. */
        NOT_A_BINDING_REQUEST(0, false),
        /** FINGERPRINT present but wrong: per RFC 5389 §7.3 not a STUN message at all; nothing sent. */
        FINGERPRINT_MISMATCH(0, false);

        private final int errorCode;
        private final boolean authenticated;

        Status(int errorCode, boolean authenticated) {
            this.errorCode = errorCode;
            this.authenticated = authenticated;
        }

        /** The STUN error code answered, 0 for success or nothing sent. */
        public int errorCode() {
            return errorCode;
        }

        /** Whether the request's MESSAGE-INTEGRITY proved the sender knows our password. */
        public boolean authenticated() {
            return authenticated;
        }
    }

    static final BindingOutcome NOT_A_BINDING_REQUEST = new BindingOutcome(Status.NOT_A_BINDING_REQUEST, 0, false);
    static final BindingOutcome FINGERPRINT_MISMATCH = new BindingOutcome(Status.FINGERPRINT_MISMATCH, 0, false);

    public BindingOutcome {
        if (responseLength < 0 || (nominated && status != Status.SUCCESS)) {
            throw new IllegalArgumentException(status + ", " + responseLength + " bytes, nominated=" + nominated);
        }
    }

    /** Whether {@link #responseLength()} bytes are waiting in the output buffer to be sent to the source. */
    public boolean hasResponse() {
        return responseLength > 0;
    }
}
