package io.cpaas.sfu.sdp;

import java.util.Optional;

/**
 * The {@code a=setup} values of RFC 4145 as used by DTLS-SRTP (RFC 8842): {@code active} is the DTLS client,
 * {@code passive} the DTLS server, {@code actpass} lets the answerer choose.
 */
public enum SetupRole {
    ACTPASS("actpass"),
    ACTIVE("active"),
    PASSIVE("passive"),
    HOLDCONN("holdconn");

    private final String sdpName;

    SetupRole(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }

    static Optional<SetupRole> fromSdpName(String name) {
        for (SetupRole r : values()) {
            if (r.sdpName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
