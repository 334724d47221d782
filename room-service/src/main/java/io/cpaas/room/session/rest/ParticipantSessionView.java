package io.cpaas.room.session.rest;

import io.cpaas.room.session.ParticipantSession;
import io.cpaas.room.session.TrackPublication;
import io.cpaas.room.session.service.SessionHistoryService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A participant's session in the history API: placed at joinedAt, connected from connectedAt (null if
 * it never reached the media server) until leftAt (null while present), and what it published.
 */
public record ParticipantSessionView(String sid, String identity, String name, boolean hidden, Instant joinedAt,
                                     Instant connectedAt, Instant leftAt, String leftReason, BigDecimal durationSeconds,
                                     long bytesIn, long bytesOut, long packetsIn, long packetsOut, List<Track> tracks) {

    public static ParticipantSessionView of(SessionHistoryService.ParticipantWithTracks row, Clock clock) {
        ParticipantSession session = row.session();
        return new ParticipantSessionView(session.sid(), session.identity(), session.name(), session.hidden(), session.joinedAt(),
                session.connectedAt(), session.leftAt(), session.leftReason(),
                BigDecimal.valueOf(session.connectedMillis(clock.instant()), 3), session.bytesIn(), session.bytesOut(),
                session.packetsIn(), session.packetsOut(), row.tracks().stream().map(Track::of).toList());
    }

    /** A track it published, and when. */
    public record Track(String sid, String kind, String source, Instant publishedAt, Instant unpublishedAt) {

        static Track of(TrackPublication track) {
            return new Track(track.sid(), track.kind(), track.source(), track.publishedAt(), track.unpublishedAt());
        }
    }
}
