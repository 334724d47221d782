package io.cpaas.sfu.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.TrackSource;
import io.cpaas.sfu.media.RelayedTrack;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.sdp.PayloadType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relay's control frames (JSON over the relay WebSocket, docs/architecture.md): the room's
 * ordinary signaling frames, whose tracks carry a {@code relay} object with what an edge needs to
 * forward them (SSRC, codec, header extension ids), and the relay's own frames.
 */
final class RelayFrames {

    private final ObjectMapper json;

    RelayFrames(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }

    /** Adds {@code relay} to a track object of a frame. */
    void describeRelay(ObjectNode track, RelayedTrack relayed) {
        ObjectNode relay = track.putObject("relay");
        relay.put("ssrc", relayed.ssrc());
        PayloadType codec = relayed.codec();
        ObjectNode node = relay.putObject("codec").put("payloadType", codec.payloadType()).put("name", codec.encodingName())
                .put("clockRate", codec.clockRate()).put("channels", codec.channels()).put("fmtp", codec.fmtp());
        ObjectNode parameters = node.putObject("parameters");
        codec.parameters().forEach(parameters::put);
        codec.rtcpFeedback().forEach(node.putArray("rtcpFeedback")::add);
        ObjectNode extensions = relay.putObject("extensionIds");
        relayed.extensionIds().forEach(extensions::put);
    }

    /** The {@code relay} object of a track, empty when it has none or it does not read. */
    static Optional<RelayedTrack> relayOf(JsonNode track) {
        JsonNode relay = track.path("relay");
        JsonNode codec = relay.path("codec");
        if (!relay.path("ssrc").canConvertToLong() || !codec.path("payloadType").isInt() || !codec.path("name").isTextual()) {
            return Optional.empty();
        }
        try {
            Map<String, String> parameters = new LinkedHashMap<>();
            codec.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
            List<String> feedback = new ArrayList<>();
            codec.path("rtcpFeedback").forEach(f -> feedback.add(f.asText()));
            Map<String, Integer> extensions = new LinkedHashMap<>();
            relay.path("extensionIds").fields().forEachRemaining(e -> extensions.put(e.getKey(), e.getValue().asInt()));
            PayloadType payloadType = new PayloadType(codec.get("payloadType").asInt(), codec.get("name").asText(),
                    codec.path("clockRate").asInt(), codec.path("channels").asInt(), codec.path("fmtp").asText(""),
                    parameters, feedback);
            return Optional.of(new RelayedTrack(relay.get("ssrc").asLong() & 0xFFFFFFFFL, payloadType, extensions));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A track of a frame as the edge keeps it; empty when the frame's track does not read. */
    static Optional<PublishedTrack> trackOf(JsonNode track) {
        String sid = track.path("sid").asText("");
        String kind = track.path("kind").asText("");
        Optional<TrackSource> source = TrackSource.fromWireName(track.path("source").asText(""));
        if (sid.isEmpty() || sid.length() > 64 || !(kind.equals("audio") || kind.equals("video")) || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PublishedTrack(sid, kind, source.get(), sid, track.path("muted").asBoolean(false),
                track.path("serverMuted").asBoolean(false)));
    }

    /** The frame without the relay's additions, as the edge's clients get it. */
    static ObjectNode withoutRelay(ObjectNode frame) {
        ObjectNode copy = frame.deepCopy();
        if (copy.path("track").isObject()) {
            ((ObjectNode) copy.get("track")).remove("relay");
        }
        JsonNode participant = copy.path("participant");
        if (participant.path("tracks").isArray()) {
            participant.get("tracks").forEach(t -> ((ObjectNode) t).remove("relay"));
        }
        return copy;
    }
}
