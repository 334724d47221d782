package io.cpaas.sfu.control;

import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.TrackSource;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import java.time.Instant;
import java.util.List;

/**
 * A participant as the control API shows it to room-service. {@code state} is {@code joined} once
 * its signaling joined and {@code active} once one of its peer connections is up.
 */
public record ParticipantInfo(String sid, String identity, String name, String metadata, String state, Instant joinedAt,
                              boolean hidden, List<TrackInfo> tracks, Permissions permissions) {

    static ParticipantInfo of(Participant participant, boolean mediaConnected) {
        return new ParticipantInfo(participant.sid(), participant.identity(), participant.name(), participant.metadata(),
                mediaConnected ? "active" : "joined", participant.joinedAt(), participant.hidden(),
                participant.tracks().stream().map(TrackInfo::of).toList(), Permissions.of(participant.grants()));
    }

    /** A published track; {@code muted} as the room sees it, {@code serverMuted} when room-service muted it. */
    public record TrackInfo(String sid, String kind, String source, boolean muted, boolean serverMuted) {

        static TrackInfo of(PublishedTrack track) {
            return new TrackInfo(track.sid(), track.kind(), track.source().wireName(), track.muted(), track.serverMuted());
        }
    }

    /** What the participant may do now. */
    public record Permissions(boolean publish, boolean subscribe, boolean publishData, List<String> sources) {

        static Permissions of(RoomGrants grants) {
            return new Permissions(grants.publish(), grants.subscribe(), grants.publishData(),
                    grants.allowedSources().stream().map(TrackSource::wireName).toList());
        }
    }
}
