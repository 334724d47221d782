package io.cpaas.room.session;

import java.time.Duration;
import java.time.Instant;

/** When a room session ran: from its first placement to its end (null while live). */
public record RoomSpan(String roomId, String tenantId, String name, Instant startedAt, Instant endedAt) {

    /** Whole milliseconds from start to end (or {@code now} while live); zero if it never started. */
    public long millis(Instant now) {
        if (startedAt == null) {
            return 0;
        }
        return Math.max(0, Duration.between(startedAt, endedAt != null ? endedAt : now).toMillis());
    }
}
