package io.cpaas.room.session.rest;

import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import io.cpaas.room.session.RoomSession;
import java.math.BigDecimal;
import java.time.Instant;

/** A room session in the history API; totals of sessions still open count up to now. */
public record RoomSessionView(String sid, String room, RoomMode mode, RoomStatus status, Instant createdAt, Instant startedAt,
                              Instant endedAt, int peakParticipants, int participantSessions, BigDecimal participantSeconds,
                              long bytesIn, long bytesOut) {

    public static RoomSessionView of(RoomSession session) {
        return new RoomSessionView(session.sid(), session.name(), session.mode(), session.status(), session.createdAt(),
                session.startedAt(), session.endedAt(), session.peakParticipants(), session.participantSessions(),
                BigDecimal.valueOf(session.participantMillis(), 3), session.bytesIn(), session.bytesOut());
    }
}
