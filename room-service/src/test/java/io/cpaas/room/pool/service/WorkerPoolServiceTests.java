package io.cpaas.room.pool.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.room.pool.WorkerState;
import io.cpaas.room.pool.persistence.WorkerRepository;
import io.cpaas.room.room.Room;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.RoomRows;
import io.cpaas.room.support.RowLock;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class WorkerPoolServiceTests {

    @Inject
    WorkerPoolService pool;
    @Inject
    WorkerRepository workers;
    @Inject
    RoomRepository rooms;
    @Inject
    DataSource dataSource;

    /**
     * Two room-service instances: one judges the worker silent and starts releasing its rooms while
     * the other records the worker's heartbeat. The worker must stay active and keep its room.
     */
    @Test
    void aWorkerHeardFromWhileBeingJudgedSilentStaysActiveWithItsRoom() throws Exception {
        String worker = Platform.worker("eu", 10, 0.1);
        Room room = RoomRows.insert(rooms, Instant.now(), worker);
        CompletableFuture<Integer> judged;
        // The room's row is held as a join on another instance would hold it: the judging blocks on it.
        try (RowLock join = RowLock.take(dataSource, "select id from rooms where id = ? for update", room.id())) {
            silence(worker);
            judged = CompletableFuture.supplyAsync(pool::detectFailures);
            join.awaitWaiters(1, Duration.ofSeconds(10));
            Platform.heartbeat(worker, 0.1, 0); // the worker speaks, to the other instance
        }

        assertEquals(0, judged.get(10, TimeUnit.SECONDS), "nobody was declared unhealthy");
        assertEquals(WorkerState.ACTIVE, workers.find(worker).orElseThrow().state());
        assertEquals(worker, rooms.findLive(room.tenantId(), room.name()).orElseThrow().workerId(), "the room kept its worker");
    }

    /** Makes the worker's last heartbeat older than any silence limit, committed. */
    private void silence(String worker) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update workers set last_heartbeat_at = now() - interval '10 minutes' where id = ?")) {
            statement.setString(1, worker);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
