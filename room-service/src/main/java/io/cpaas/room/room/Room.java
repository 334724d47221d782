package io.cpaas.room.room;

import java.time.Instant;

/** A tenant's room; its name is unique among the tenant's live rooms. {@code workerId} is where it runs. */
public record Room(String id, String tenantId, String name, RoomMode mode, int maxParticipants,
                   int emptyTimeoutSeconds, String region, String metadata, RoomStatus status,
                   Instant createdAt, Instant startedAt, Instant endedAt, String workerId) {

    public static final String ID_PREFIX = "rm_";
    public static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";
    public static final int MAX_METADATA_LENGTH = 4096;
}
