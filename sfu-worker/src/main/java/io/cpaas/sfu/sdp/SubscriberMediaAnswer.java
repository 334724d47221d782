package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a subscriber answered for one m-section of the worker's offer.
 *
 * @param accepted     false when the browser rejected the section (port 0): send nothing for it
 * @param direction    the browser's direction: recvonly for a carried track, inactive otherwise
 * @param payloadTypes the payload types the browser accepted, in its preference order, with its fmtp
 * @param extensionIds header extension URI → id the browser accepted (always the offered id)
 */
public record SubscriberMediaAnswer(String mid, MediaKind kind, boolean accepted, Direction direction,
        List<PayloadType> payloadTypes, Map<String, Integer> extensionIds) {

    public SubscriberMediaAnswer {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        payloadTypes = List.copyOf(payloadTypes);
        extensionIds = SdpCollections.copyOf(extensionIds);
    }

    /** Whether the browser will decode this payload type on this section. */
    public boolean accepts(int payloadType) {
        return accepted && payloadTypes.stream().anyMatch(p -> p.payloadType() == payloadType);
    }
}
