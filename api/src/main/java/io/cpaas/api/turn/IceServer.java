package io.cpaas.api.turn;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a browser's {@code RTCConfiguration.iceServers}: the {@code RTCIceServer} shape.
 * A STUN entry has neither username nor credential. Serialize with null fields omitted: WebIDL turns
 * a JSON {@code null} username into the string {@code "null"}.
 */
public record IceServer(List<String> urls, String username, String credential) {

    public IceServer {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        if ((username == null) != (credential == null)) {
            throw new IllegalArgumentException("username and credential come together or not at all");
        }
    }

    /** A STUN entry: anyone may ask it for their public address. */
    public static IceServer stun(List<String> urls) {
        return new IceServer(urls, null, null);
    }

    /** Never print the credential: these objects end up in request logs. */
    @Override
    public String toString() {
        return "IceServer[urls=" + urls + ", username=" + username
                + ", credential=" + (credential == null ? "null" : "***") + "]";
    }
}
