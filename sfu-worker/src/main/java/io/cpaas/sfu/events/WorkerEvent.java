package io.cpaas.sfu.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cpaas.sfu.room.ParticipantTraffic;
import java.time.Instant;

/**
 * Something that happened on this worker that room-service records: sessions, usage and webhooks are
 * built from these. {@code id} is unique per event so that a batch sent twice counts once.
 * {@code traffic} holds the participant's totals since it joined (on traffic and left events).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerEvent(String id, String type, Instant at, String tenantId, String room, String participantSid,
                          String identity, String name, Boolean hidden, Track track, ParticipantTraffic.Totals traffic,
                          String reason) {

    public static final String PARTICIPANT_JOINED = "participant.joined";
    public static final String PARTICIPANT_LEFT = "participant.left";
    public static final String TRACK_PUBLISHED = "track.published";
    public static final String TRACK_UNPUBLISHED = "track.unpublished";
    public static final String PARTICIPANT_TRAFFIC = "participant.traffic";

    /** A published track as room-service records it. */
    public record Track(String sid, String kind, String source) {
    }
}
