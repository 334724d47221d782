package io.cpaas.sfu.room;

import io.cpaas.api.token.TrackSource;

/** A track a participant publishes, as the room announces it. {@code mid} is its m-section on the publish connection. */
public record PublishedTrack(String sid, String kind, TrackSource source, String mid, boolean muted) {

    public PublishedTrack withMuted(boolean value) {
        return new PublishedTrack(sid, kind, source, mid, value);
    }
}
