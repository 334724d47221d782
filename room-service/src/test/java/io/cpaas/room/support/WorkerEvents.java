package io.cpaas.room.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Worker events as the sfu-worker writes them (see io.cpaas.sfu.events.WorkerEvent). */
public final class WorkerEvents {

    private WorkerEvents() {
    }

    public static Map<String, Object> joined(String sid, Instant at) {
        return event("participant.joined", sid, at);
    }

    public static Map<String, Object> left(String sid, Instant at, long bytesIn, long bytesOut) {
        Map<String, Object> event = event("participant.left", sid, at);
        event.put("reason", "disconnected");
        event.put("traffic", traffic(bytesIn, bytesOut));
        return event;
    }

    public static Map<String, Object> traffic(String sid, Instant at, long bytesIn, long bytesOut) {
        Map<String, Object> event = event("participant.traffic", sid, at);
        event.put("traffic", traffic(bytesIn, bytesOut));
        return event;
    }

    public static Map<String, Object> published(String sid, Instant at, String trackSid, String kind, String source) {
        Map<String, Object> event = event("track.published", sid, at);
        event.put("track", Map.of("sid", trackSid, "kind", kind, "source", source));
        return event;
    }

    public static Map<String, Object> event(String type, String sid, Instant at) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", "test-" + UUID.randomUUID());
        event.put("type", type);
        event.put("at", at.toString());
        event.put("participantSid", sid);
        return event;
    }

    private static Map<String, Object> traffic(long bytesIn, long bytesOut) {
        return Map.of("bytesIn", bytesIn, "packetsIn", bytesIn / 1000, "bytesOut", bytesOut, "packetsOut", bytesOut / 1000);
    }
}
