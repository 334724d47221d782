package io.cpaas.room.room.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.room.room.Room;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.support.RoomRows;
import io.cpaas.room.support.RowLock;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class EmptyRoomReaperTests {

    @Inject
    EmptyRoomReaper reaper;
    @Inject
    RoomRepository rooms;
    @Inject
    DataSource dataSource;

    /**
     * Every room-service instance runs the reaper. Two of them finding the same empty room at once
     * end it once: one room.ended event and the room's time counted once in usage.
     */
    @Test
    void twoInstancesReapingTheSameEmptyRoomEndItOnce() throws Exception {
        Room room = RoomRows.insert(rooms, Instant.now().minus(Duration.ofMinutes(10)), null);
        CompletableFuture<Void> first;
        CompletableFuture<Void> second;
        // Held as a join would hold it, so that both reapers have found the room empty before either ends it.
        try (RowLock join = RowLock.take(dataSource, "select id from rooms where id = ? for update", room.id())) {
            first = CompletableFuture.runAsync(reaper::endEmptyRooms);
            second = CompletableFuture.runAsync(reaper::endEmptyRooms);
            join.awaitWaiters(2, Duration.ofSeconds(10));
        }
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);

        assertEquals(1, count("select count(*) from webhook_deliveries where room_id = ? and type = 'room.ended'", room.id()));
        long lasted = count("select (extract(epoch from ended_at - started_at) * 1000)::bigint from rooms where id = ?", room.id());
        assertEquals(lasted, count("select coalesce(sum(room_millis), 0) from usage_hourly where tenant_id = ?", room.tenantId()),
                "the room's time is counted once");
    }

    /**
     * A pass takes the rooms that are due, not any empty ones: more empty rooms within their timeout
     * than a batch holds (found first, inserted first) do not keep a due room from ending.
     */
    @Test
    void aRoomPastItsTimeoutEndsHoweverManyEmptyRoomsAreWithinTheirs() throws Exception {
        List<Room> waiting = new ArrayList<>();
        for (int i = 0; i < EmptyRoomReaper.BATCH * 2; i++) {
            waiting.add(RoomRows.insert(rooms, Instant.now(), null));
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("update rooms set empty_timeout_seconds = 3600 where id = any (?)")) {
            statement.setArray(1, connection.createArrayOf("text", waiting.stream().map(Room::id).toArray()));
            assertEquals(waiting.size(), statement.executeUpdate());
        }
        Room due = RoomRows.insert(rooms, Instant.now().minus(Duration.ofMinutes(10)), null);

        reaper.endEmptyRooms();

        assertEquals(1, count("select count(*) from rooms where id = ? and status = 'ended'", due.id()), "the due room ended");
        for (Room room : waiting) {
            assertEquals(0, count("select count(*) from rooms where id = ? and status = 'ended'", room.id()), room.name() + " waits");
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
