package io.cpaas.room.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One thing that happened on a worker (see the worker's io.cpaas.sfu.events.WorkerEvent). Types this
 * version does not know are acknowledged and skipped, so workers can be upgraded first.
 */
public record WorkerEvent(@NotBlank @Size(max = 100) String id,
                          @NotBlank @Size(max = 64) String type,
                          @NotNull Instant at,
                          @Size(max = 200) String tenantId,
                          @Size(max = 200) String room,
                          @NotBlank @Size(max = 100) String participantSid,
                          @Size(max = 200) String identity,
                          @Size(max = 500) String name,
                          Boolean hidden,
                          @Valid Track track,
                          @Valid Traffic traffic,
                          @Size(max = 64) String reason) {

    public static final String PARTICIPANT_JOINED = "participant.joined";
    public static final String PARTICIPANT_LEFT = "participant.left";
    public static final String TRACK_PUBLISHED = "track.published";
    public static final String TRACK_UNPUBLISHED = "track.unpublished";
    public static final String PARTICIPANT_TRAFFIC = "participant.traffic";

    /** A published track. */
    public record Track(@NotBlank @Size(max = 100) String sid, @NotBlank @Size(max = 16) String kind,
                        @NotBlank @Size(max = 32) String source) {
    }

    /** A participant's totals since it joined. */
    public record Traffic(@PositiveOrZero long bytesIn, @PositiveOrZero long packetsIn, @PositiveOrZero long bytesOut,
                          @PositiveOrZero long packetsOut) {
    }
}
