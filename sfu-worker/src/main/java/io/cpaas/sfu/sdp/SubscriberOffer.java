package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of the worker's offer to a subscriber: the SDP and the slots (m-sections) it describes, in
 * order. Keep the latest one per connection; {@link SubscriberOfferBuilder#nextOffer} builds the next from it.
 */
public record SubscriberOffer(String sdp, long sessionVersion, List<SubscriberSlot> slots) {

    public SubscriberOffer {
        Objects.requireNonNull(sdp, "sdp");
        slots = List.copyOf(slots);
    }

    public Optional<SubscriberSlot> slot(String mid) {
        return slots.stream().filter(s -> s.mid().equals(mid)).findFirst();
    }

    /** The mid of the m-section carrying a track. */
    public Optional<String> midOf(String trackId) {
        return slots.stream()
                .filter(s -> s.track().filter(t -> t.trackId().equals(trackId)).isPresent())
                .map(SubscriberSlot::mid)
                .findFirst();
    }
}
