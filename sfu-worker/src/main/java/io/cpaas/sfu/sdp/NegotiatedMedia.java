package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one m-section of a publisher's connection carries once answered, for the forwarder to map packets:
 * which payload types mean which codec, which RTX payload type repairs which, the header extension ids, and
 * what the offer said about its SSRCs, msid and simulcast rids.
 *
 * @param accepted         false when the section was answered with port 0; then only mid, kind and the reason hold
 * @param rejectedBecause  why the section was rejected, for logs and stats
 * @param direction        the direction the worker answered (recvonly, or inactive when the client sends nothing)
 * @param codecs           the media payload types received (RTX excluded), in the offer's order
 * @param rtxPayloadTypes  media payload type → its RTX payload type
 * @param extensionIds     header extension URI → id, as offered
 * @param ssrcs            the offer's {@code a=ssrc} lines (none with rid-based simulcast: learn SSRCs from the rid extension)
 * @param rids             the simulcast rids answered, in the offer's order (lowest layer first in Chromium); empty without simulcast
 */
public record NegotiatedMedia(
        String mid,
        MediaKind kind,
        boolean accepted,
        Optional<String> rejectedBecause,
        Direction direction,
        List<PayloadType> codecs,
        Map<Integer, Integer> rtxPayloadTypes,
        Map<String, Integer> extensionIds,
        List<SsrcDescription> ssrcs,
        List<SsrcGroup> ssrcGroups,
        List<Msid> msids,
        List<String> rids) {

    public NegotiatedMedia {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rejectedBecause, "rejectedBecause");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        rtxPayloadTypes = SdpCollections.copyOf(rtxPayloadTypes);
        extensionIds = SdpCollections.copyOf(extensionIds);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        msids = List.copyOf(msids);
        rids = List.copyOf(rids);
    }

    static NegotiatedMedia rejected(String mid, MediaKind kind, String reason) {
        return new NegotiatedMedia(mid, kind, false, Optional.of(reason), Direction.INACTIVE, List.of(), Map.of(), Map.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /** The media codec with this payload type. */
    public Optional<PayloadType> codec(int payloadType) {
        return codecs.stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    /** The RTX payload type repairing a media payload type. */
    public OptionalInt rtxFor(int mediaPayloadType) {
        Integer rtx = rtxPayloadTypes.get(mediaPayloadType);
        return rtx == null ? OptionalInt.empty() : OptionalInt.of(rtx);
    }

    /** The media payload type an RTX payload type repairs. */
    public OptionalInt repairedBy(int rtxPayloadType) {
        for (Map.Entry<Integer, Integer> e : rtxPayloadTypes.entrySet()) {
            if (e.getValue() == rtxPayloadType) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    public OptionalInt extensionId(String uri) {
        Integer id = extensionIds.get(uri);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
