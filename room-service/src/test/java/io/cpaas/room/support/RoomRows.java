package io.cpaas.room.support;

import io.cpaas.room.room.Room;
import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import io.cpaas.room.room.persistence.RoomRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Rooms written straight into room.rooms for tests of the code that reads them, each of a tenant of its own. */
public final class RoomRows {

    private RoomRows() {
    }

    /** A live room of a new tenant id, started at {@code startedAt}, on {@code workerId} (null: none). */
    public static Room insert(RoomRepository rooms, Instant startedAt, String workerId) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instant at = startedAt.truncatedTo(ChronoUnit.MILLIS);
        Room room = new Room(Room.ID_PREFIX + suffix, "tn_test_" + suffix, "room-" + suffix, RoomMode.CONFERENCE, 10, 1,
                null, null, RoomStatus.ACTIVE, at, at, null, workerId);
        if (!rooms.insertIfAbsent(room)) {
            throw new IllegalStateException("room " + room.name() + " exists");
        }
        return room;
    }
}
