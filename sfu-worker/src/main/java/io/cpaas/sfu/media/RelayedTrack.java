package io.cpaas.sfu.media;

import io.cpaas.sfu.sdp.PayloadType;
import java.util.Map;

/**
 * What another worker needs to forward a track it receives over the relay: the SSRC and codec it
 * arrives with (the publisher's own), and the publisher's header extension ids, so that the
 * receiving worker rewrites them for its subscribers as it would for a local publisher.
 */
public record RelayedTrack(long ssrc, PayloadType codec, Map<String, Integer> extensionIds) {

    public RelayedTrack {
        extensionIds = Map.copyOf(extensionIds);
    }
}
