package io.cpaas.room.usage;

import java.time.Instant;

/** A tenant's usage in one bucket (an hour or a day starting at {@code start}, UTC). */
public record UsageBucket(Instant start, long participantMillis, long roomMillis, int peakParticipants,
                          long bytesIn, long bytesOut, long turnCredentials) {

    public static UsageBucket empty(Instant start) {
        return new UsageBucket(start, 0, 0, 0, 0, 0, 0);
    }

    /** This bucket with another's usage added; the peak is the larger of the two. */
    public UsageBucket plus(UsageBucket other) {
        return new UsageBucket(start, participantMillis + other.participantMillis, roomMillis + other.roomMillis,
                Math.max(peakParticipants, other.peakParticipants), bytesIn + other.bytesIn, bytesOut + other.bytesOut,
                turnCredentials + other.turnCredentials);
    }
}
