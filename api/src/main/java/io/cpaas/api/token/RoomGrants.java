package io.cpaas.api.token;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a participant may do in one room. {@code allowedSources} is the exact set of sources it may
 * publish: an empty set publishes no media even with {@code publish}, so a forgotten field fails closed.
 * {@code hidden} participants are not announced to others; {@code roomAdmin} may mute and remove them.
 */
public record RoomGrants(boolean publish, boolean subscribe, boolean publishData, Set<TrackSource> allowedSources,
                         boolean hidden, boolean roomAdmin) {

    public RoomGrants {
        Objects.requireNonNull(allowedSources, "allowedSources");
        EnumSet<TrackSource> copy = EnumSet.noneOf(TrackSource.class);
        copy.addAll(allowedSources);
        allowedSources = Collections.unmodifiableSet(copy);
    }

    /** Publish any source, subscribe, send data; visible, no admin rights. */
    public static RoomGrants standard() {
        return new RoomGrants(true, true, true, EnumSet.allOf(TrackSource.class), false, false);
    }

    /** Watch and listen only. */
    public static RoomGrants subscribeOnly() {
        return new RoomGrants(false, true, false, Set.of(), false, false);
    }

    public boolean canPublish(TrackSource source) {
        return publish && allowedSources.contains(source);
    }
}
