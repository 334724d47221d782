package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code a=rid} line of RFC 8851: one RTP stream (a simulcast layer) by its RtpStreamId.
 *
 * @param id           the rid, as carried in the rtp-stream-id header extension
 * @param direction    send or recv, seen from the side that wrote it
 * @param payloadTypes the {@code pt=} restriction, empty when there is none
 * @param restrictions the other restrictions ({@code max-width=1280}), keys as written
 */
public record Rid(String id, RidDirection direction, List<Integer> payloadTypes, Map<String, String> restrictions) {

    public Rid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        payloadTypes = List.copyOf(payloadTypes);
        restrictions = SdpCollections.copyOf(restrictions);
    }
}
