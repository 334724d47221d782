package io.cpaas.sfu.dtls;

import java.util.Objects;

/** How an established DTLS association was ended by the peer; {@code detail} is for logs and operators. */
public record DtlsClosure(Kind kind, String detail) {

    public DtlsClosure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public enum Kind {
        /** The peer sent close_notify: an orderly close (the browser closed the peer connection). */
        CLOSE_NOTIFY,
        /** The peer sent a fatal alert. */
        ALERT_RECEIVED,
        /** A record we could not process ended the association. */
        PROTOCOL_ERROR
    }
}
