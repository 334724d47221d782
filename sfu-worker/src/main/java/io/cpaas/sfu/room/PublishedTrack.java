package io.cpaas.sfu.room;

import io.cpaas.api.token.TrackSource;

/**
 * A track a participant publishes, as the room announces it. {@code mid} is its m-section on the
 * publish connection. It is muted when its publisher muted it or room-service did (server mute);
 * only room-service lifts a server mute.
 */
public record PublishedTrack(String sid, String kind, TrackSource source, String mid, boolean publisherMuted,
                             boolean serverMuted) {

    public PublishedTrack(String sid, String kind, TrackSource source, String mid, boolean publisherMuted) {
        this(sid, kind, source, mid, publisherMuted, false);
    }

    /** Muted as the room sees it: by its publisher or by the server. */
    public boolean muted() {
        return publisherMuted || serverMuted;
    }

    public PublishedTrack withMuted(boolean value) {
        return new PublishedTrack(sid, kind, source, mid, value, serverMuted);
    }

    public PublishedTrack withServerMuted(boolean value) {
        return new PublishedTrack(sid, kind, source, mid, publisherMuted, value);
    }
}
