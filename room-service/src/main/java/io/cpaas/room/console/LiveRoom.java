package io.cpaas.room.console;

import java.time.Instant;

/** A room running now as the console lists it: where it runs and how many are connected to it. */
public record LiveRoom(String name, String mode, String status, String metadata, int maxParticipants, Instant createdAt,
                       Instant startedAt, String workerId, int participants) {
}
