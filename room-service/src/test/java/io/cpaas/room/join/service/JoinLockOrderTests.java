package io.cpaas.room.join.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.RowLock;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A join locks its room, then its participants; it counts its participant on the worker after it
 * committed. Another instance's transaction is staged with
 * {@link RowLock} so each interleaving happens in a fixed order instead of by chance.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class JoinLockOrderTests {

    @Inject
    RoomRepository rooms;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void emptyPool() {
        Platform.emptyPool();
    }

    /**
     * A heartbeat that connects a participant raises its room's peak. While a join holds that room
     * (and wants the worker next), the heartbeat must wait on the room without holding the worker's
     * row: the CI deadlock of BroadcastPlacementTests, a join answered 500.
     */
    @Test
    void aHeartbeatWaitingForARoomAJoinHoldsLeavesTheWorkerToTheJoin() throws Exception {
        Tenant tenant = Platform.tenant("HeartbeatOrder");
        String worker = Platform.worker("eu", 10, 0.1);
        String sid = Platform.join(tenant, "standup", "alice");
        String roomId = rooms.findLive(tenant.id(), "standup").orElseThrow().id();

        CompletableFuture<Response> heartbeat;
        try (RowLock join = RowLock.take(dataSource, "select id from rooms where id = ? for update", roomId)) {
            heartbeat = CompletableFuture.supplyAsync(() -> Platform.sendHeartbeat(worker, List.of(sid)));
            join.awaitWaiters(1, Duration.ofSeconds(10));
            // The worker's row is free: before the fix the heartbeat held it while waiting for the room.
            assertEquals(1, join.update("update workers set reserved_participants = reserved_participants + 1 where id = ?", worker));
        }

        Response answer = heartbeat.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(1, longValue("select peak_participants from rooms where id = ?", roomId), "alice connected");
    }

    /**
     * A join counts its participant on the worker after it committed. Another transaction holding
     * the worker's row and then wanting the room (none does today; a heartbeat once did) must not
     * wait for the join: with the count inside the join, on its own connection, the two would wait
     * on each other where PostgreSQL cannot see it, for ever.
     */
    @Test
    void aJoinWaitingToCountItsParticipantOnTheWorkerHoldsNoRoom() throws Exception {
        Tenant tenant = Platform.tenant("ReserveAfterCommit");
        String worker = Platform.worker("eu", 10, 0.1);
        Platform.join(tenant, "retro", "alice");
        String roomId = rooms.findLive(tenant.id(), "retro").orElseThrow().id();
        long reservedBefore = longValue("select reserved_participants from workers where id = ?", worker);

        CompletableFuture<Response> bob;
        try (RowLock other = RowLock.take(dataSource, "select id from workers where id = ? for update", worker)) {
            String token = Platform.mint(tenant, "retro", "bob");
            bob = CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + token).post("/v1/rtc/join"));
            other.awaitWaiters(1, Duration.ofSeconds(10)); // bob's count waits for the worker
            // bob committed before counting: the room is free (before the fix this update waited for good).
            other.update("set local lock_timeout = '5s'");
            assertEquals(1, other.update("update rooms set peak_participants = peak_participants where id = ?", roomId));
            assertEquals(1, longValue("select count(*) from participants where room_id = ? and identity = 'bob'", roomId));
        }

        Response answer = bob.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(worker, answer.jsonPath().getString("signalUrl").substring("ws://127.0.0.1:9/".length()));
        assertEquals(reservedBefore + 1, longValue("select reserved_participants from workers where id = ?", worker));
    }

    /**
     * PostgreSQL breaks a deadlock by aborting the transaction that waited longest: a join, here. A
     * rejoin closes the identity's earlier session while a heartbeat may be confirming it and then
     * raise the room's peak. The aborted join changed nothing, so room-service runs it again and the
     * caller gets its ticket.
     */
    @Test
    void aJoinAbortedToBreakADeadlockIsRunAgain() throws Exception {
        Tenant tenant = Platform.tenant("DeadlockRetry");
        String worker = Platform.worker("eu", 10, 0.1);
        String firstSid = Platform.join(tenant, "retro", "alice");
        String roomId = rooms.findLive(tenant.id(), "retro").orElseThrow().id();
        long deadlocksBefore = deadlocks();

        CompletableFuture<Response> rejoin;
        try (RowLock other = RowLock.take(dataSource, "select sid from participants where sid = ? for update", firstSid)) {
            String token = Platform.mint(tenant, "retro", "alice");
            rejoin = CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + token).post("/v1/rtc/join"));
            other.awaitWaiters(1, Duration.ofSeconds(10)); // the rejoin holds the room and waits for alice's first session
            // Now the other transaction wants the room: a cycle. PostgreSQL aborts the rejoin (it waited first).
            assertEquals(1, other.update("update rooms set peak_participants = peak_participants where id = ?", roomId));
            other.awaitWaiters(1, Duration.ofSeconds(10)); // the second attempt waits for the room
        }

        Response answer = rejoin.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(worker, answer.jsonPath().getString("signalUrl").substring("ws://127.0.0.1:9/".length()));
        assertEquals(1, longValue("select count(*) from participants where room_id = ? and identity = 'alice' and left_at is null",
                roomId), "the first session was replaced");
        awaitDeadlocksAbove(deadlocksBefore, Duration.ofSeconds(5));
    }

    /** PostgreSQL's count of deadlocks detected in this database. */
    private long deadlocks() throws Exception {
        return longValue("select deadlocks from pg_stat_database where datname = current_database()");
    }

    private long longValue(String select, String... parameters) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(select)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The statistics reach pg_stat_database within about a second of the aborted transaction. */
    private void awaitDeadlocksAbove(long before, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long now = deadlocks();
        while (now <= before && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            now = deadlocks();
        }
        assertTrue(now > before, "PostgreSQL detected the deadlock the test staged (" + before + " → " + now + ")");
    }
}
