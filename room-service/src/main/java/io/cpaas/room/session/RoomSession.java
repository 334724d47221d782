package io.cpaas.room.session;

import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import java.time.Instant;

/** One run of a room, from creation to end, with what its participants added up to. */
public record RoomSession(String sid, String name, RoomMode mode, RoomStatus status, Instant createdAt, Instant startedAt,
                          Instant endedAt, int peakParticipants, int participantSessions, long participantMillis,
                          long bytesIn, long bytesOut) {
}
