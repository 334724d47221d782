package io.cpaas.api.turn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code POST /v1/turn/credentials}: a TURN username and credential valid until
 * {@code expiresAt}, and the ICE servers to hand to {@code RTCPeerConnection} as they are.
 *
 * @param ttl seconds the credentials were issued for
 */
public record TurnCredentials(String username, String credential, long ttl, Instant expiresAt,
                              List<IceServer> iceServers) {

    public TurnCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(expiresAt, "expiresAt");
        iceServers = List.copyOf(Objects.requireNonNull(iceServers, "iceServers"));
    }

    /** Never print the credential. */
    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", credential=***, ttl=" + ttl
                + ", expiresAt=" + expiresAt + ", iceServers=" + iceServers + "]";
    }
}
