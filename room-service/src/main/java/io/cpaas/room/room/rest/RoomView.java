package io.cpaas.room.room.rest;

import io.cpaas.room.room.Room;
import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import java.time.Instant;

/** A room as the API shows it; {@code workerId} says where it runs while it is placed. */
public record RoomView(String name, RoomMode mode, int maxParticipants, int emptyTimeoutSeconds, String region,
                       String metadata, RoomStatus status, Instant createdAt, Instant startedAt, Instant endedAt,
                       String workerId) {

    public static RoomView of(Room room) {
        return new RoomView(room.name(), room.mode(), room.maxParticipants(), room.emptyTimeoutSeconds(), room.region(),
                room.metadata(), room.status(), room.createdAt(), room.startedAt(), room.endedAt(), room.workerId());
    }
}
