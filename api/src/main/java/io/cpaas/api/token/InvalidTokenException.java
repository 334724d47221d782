package io.cpaas.api.token;

import java.util.Objects;

/**
 * A room token or join ticket was refused. The {@link Reason} is for code (metrics, which 401 to
 * send); the message is fixed text safe to show the client and never contains the token.
 */
public final class InvalidTokenException extends RuntimeException {

    public enum Reason {
        MALFORMED,
        UNSUPPORTED_ALGORITHM,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        WRONG_TENANT,
        WRONG_ROOM,
        MISSING_CLAIM
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message) {
        // No cause and no stack trace: hostile tokens arrive in bulk, and a parser's message can quote its input.
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
