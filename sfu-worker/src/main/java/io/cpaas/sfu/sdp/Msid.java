package io.cpaas.sfu.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * A media stream identification of RFC 8830: the MediaStream id ({@code -} for a track in no stream) and,
 * when given, the track id. Chromium builds its remote MediaStreams from these.
 */
public record Msid(String streamId, Optional<String> trackId) {

    /** msid-id and msid-appdata are 1 to 64 token characters. */
    static final int MAX_ID_LENGTH = 64;

    public Msid {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
    }

    /** {@code <stream> <track>} as in {@code a=msid:} and {@code a=ssrc:… msid:}. */
    public String attributeValue() {
        return trackId.map(t -> streamId + " " + t).orElse(streamId);
    }
}
