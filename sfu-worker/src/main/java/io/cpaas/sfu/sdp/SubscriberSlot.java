package io.cpaas.sfu.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One m-section of a subscriber connection. Its mid and kind never change; it carries a track
 * ({@code sendonly}) or, once the track is gone, nothing ({@code inactive}) until a later track of the same
 * kind takes it over.
 */
public record SubscriberSlot(String mid, MediaKind kind, Optional<ForwardedTrack> track) {

    public SubscriberSlot {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(track, "track");
        if (track.isPresent() && track.get().kind() != kind) {
            throw new IllegalArgumentException("a " + kind + " slot cannot carry a " + track.get().kind() + " track");
        }
    }

    public boolean isActive() {
        return track.isPresent();
    }
}
