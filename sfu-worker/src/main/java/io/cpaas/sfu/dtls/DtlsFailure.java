package io.cpaas.sfu.dtls;

import java.util.Objects;

/** Why a DTLS handshake did not complete; {@code detail} is for logs and operators. */
public record DtlsFailure(Reason reason, String detail) {

    public DtlsFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public enum Reason {
        /** The client's certificate does not match the a=fingerprint of its SDP: possibly a hijack attempt. */
        FINGERPRINT_MISMATCH,
        /** The client sent no certificate although we asked for one (RFC 5763 requires it). */
        NO_CLIENT_CERTIFICATE,
        /** The client offered no use_srtp extension, or none of the profiles in {@link SrtpProtectionProfile}. */
        NO_COMMON_SRTP_PROFILE,
        /** The handshake did not finish in time (lost peer, blocked path, or a client that stopped halfway). */
        TIMEOUT,
        /** The client sent a fatal alert. */
        ALERT_RECEIVED,
        /** The client's messages were unacceptable: no common version, cipher suite, group, no
         *  extended_master_secret, bad signature, malformed message... */
        PROTOCOL_ERROR,
        /** Our side broke: executor refused the task, unexpected exception. */
        INTERNAL_ERROR
    }
}
