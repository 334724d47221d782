package io.cpaas.room.tenant.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class TenantLiveCountsTests {

    @Inject
    TenantLiveCounts counts;

    @Inject
    DataSource dataSource;

    @Test
    void theCountsFollowRoomsAndParticipantsThroughJoinsRejoinsRemovalsAndEndedRooms() throws SQLException {
        Platform.emptyPool();
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Counted");
        assertCountsAre(tenant.id(), 0, 0);
        for (String room : new String[] {"first", "second"}) {
            given().header("Authorization", tenant.key()).contentType("application/json").body(Map.of("name", room))
                    .post("/v1/rooms").then().statusCode(201);
        }
        Platform.join(tenant, "first", "a");
        Platform.join(tenant, "first", "b");
        String c = Platform.join(tenant, "second", "c");
        assertCountsAre(tenant.id(), 2, 3);
        Platform.join(tenant, "first", "a"); // replaces a's session: one leaves, one comes
        Platform.join(tenant, "third", "d"); // creates the room
        assertCountsAre(tenant.id(), 3, 4);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from participants where sid = ?")) {
            delete.setString(1, c);
            assertEquals(1, delete.executeUpdate());
        }
        assertCountsAre(tenant.id(), 3, 3);
        given().header("Authorization", tenant.key()).delete("/v1/rooms/first").then().statusCode(204);
        assertCountsAre(tenant.id(), 2, 1);
    }

    /** Each database session writes its own row: with one row per tenant the second insert would wait for the first's commit. */
    @Test
    void twoTransactionsAddingToOneTenantDoNotWaitForEachOther() throws SQLException {
        String tenant = "tn_counts_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                insertRoom(first, tenant);
                try (Statement statement = second.createStatement()) {
                    statement.execute("set local lock_timeout = '2s'");
                }
                insertRoom(second, tenant); // would fail with "lock timeout" if it waited
                second.commit();
                assertEquals(1, counts.rooms(tenant), "the uncommitted room is not counted yet");
                first.commit();
            } finally {
                first.setAutoCommit(true);
                second.setAutoCommit(true);
            }
        }
        assertEquals(2, counts.rooms(tenant));
    }

    @Test
    void foldingMovesTheRowsOfEndedSessionsIntoRowZeroAndKeepsTheSums() throws Exception {
        String tenant = "tn_counts_" + UUID.randomUUID().toString().substring(0, 8);
        int pid;
        try (Connection own = ownConnection()) {
            insertRoom(own, tenant);
            insertRoom(own, tenant);
            pid = backendPid(own);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sessionAlive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Map.of(pid, 2L), roomsByRow(tenant));
        assertTrue(counts.foldEndedSessions() >= 1);
        assertEquals(Map.of(0, 2L), roomsByRow(tenant));
        assertEquals(2, counts.rooms(tenant));
        try (Connection pooled = dataSource.getConnection();
             PreparedStatement end = pooled.prepareStatement("update rooms set status = 'ended' where tenant_id = ?")) {
            end.setString(1, tenant);
            assertEquals(2, end.executeUpdate());
        }
        assertEquals(0, counts.rooms(tenant));
    }

    private void assertCountsAre(String tenantId, long rooms, long participants) throws SQLException {
        assertEquals(rooms, counts.rooms(tenantId), "live rooms");
        assertEquals(participants, counts.participantsNotLeft(tenantId), "participants not left");
        assertEquals(rooms, count("select count(*) from rooms where tenant_id = ? and status <> 'ended'", tenantId));
        assertEquals(participants, count("select count(*) from participants where tenant_id = ? and left_at is null", tenantId));
    }

    private long count(String sql, String tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Map<Integer, Long> roomsByRow(String tenantId) throws SQLException {
        Map<Integer, Long> rows = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select backend_pid, rooms from tenant_live_counts where tenant_id = ?")) {
            statement.setString(1, tenantId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getInt(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    private boolean sessionAlive(int pid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A connection outside the pool, to end its database session at will. */
    private static Connection ownConnection() throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        properties.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("currentSchema", "room");
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    private static void insertRoom(Connection connection, String tenantId) throws SQLException {
        String id = "rm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        try (PreparedStatement insert = connection.prepareStatement("insert into rooms (id, tenant_id, name, mode, max_participants, "
                + "empty_timeout_seconds, status, created_at) values (?, ?, ?, 'conference', 10, 60, 'idle', ?)")) {
            insert.setString(1, id);
            insert.setString(2, tenantId);
            insert.setString(3, "room-" + id);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }
}
