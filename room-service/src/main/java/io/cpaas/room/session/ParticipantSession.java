package io.cpaas.room.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A participant's stay in a room session: placed at {@code joinedAt}, on the worker from
 * {@code connectedAt} (null if it never got there) until {@code leftAt} (null while present).
 * Counters are its totals as its worker last reported them.
 */
public record ParticipantSession(String sid, String tenantId, String roomId, String roomName, String identity, String name,
                                 boolean hidden, Instant joinedAt, Instant connectedAt, Instant leftAt, String leftReason,
                                 long bytesIn, long bytesOut, long packetsIn, long packetsOut) {

    /** Time connected, in whole milliseconds, up to {@code now} while still present. */
    public long connectedMillis(Instant now) {
        if (connectedAt == null) {
            return 0;
        }
        Instant end = leftAt != null ? leftAt : now;
        return Math.max(0, Duration.between(connectedAt, end).toMillis());
    }
}
