package io.cpaas.room.participant;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A participant connected now, as the worker hosting its room sees it. {@code state} is
 * {@code joined} (signaling connected) or {@code active} (media connected too). Hidden participants
 * are listed here, flagged, though the room never sees them.
 */
public record LiveParticipant(String sid, String identity, String name, String metadata, String state, Instant joinedAt,
                              boolean hidden, List<Track> tracks, Permissions permissions) {

    /** A published track; {@code muted} as the room sees it, {@code serverMuted} when the server muted it. */
    @Schema(name = "ParticipantTrack")
    public record Track(String sid, String kind, String source, boolean muted, boolean serverMuted) {
    }

    /** What the participant may do now. */
    @Schema(name = "ParticipantPermissions")
    public record Permissions(boolean publish, boolean subscribe, boolean publishData, List<String> sources) {
    }
}
