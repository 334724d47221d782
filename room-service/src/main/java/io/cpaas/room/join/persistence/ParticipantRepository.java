package io.cpaas.room.join.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Rows of room.participants. A participant counts against limits while it has not left and is
 * either connected or still within its join reservation.
 */
@ApplicationScoped
public class ParticipantRepository {

    private static final String LIVE = "left_at is null and (connected_at is not null or reserved_until > ?)";

    private final DataSource dataSource;

    public ParticipantRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int countLiveInRoom(String roomId, String exceptIdentity, Instant now) {
        return count("select count(*) from participants where room_id = ? and identity <> ? and " + LIVE,
                roomId, exceptIdentity, now);
    }

    public int countLiveInTenant(String tenantId, String exceptRoomId, String exceptIdentity, Instant now) {
        return count("select count(*) from participants where tenant_id = ? and not (room_id = ? and identity = ?) and " + LIVE,
                tenantId, exceptRoomId, exceptIdentity, now);
    }

    /** Records a join; an earlier session of the same identity in the room is replaced (it leaves). */
    public void join(String sid, String roomId, String tenantId, String identity, String name, String workerId,
                     Instant now, Instant reservedUntil) {
        execute("update participants set left_at = ? where room_id = ? and identity = ? and left_at is null",
                now, roomId, identity);
        execute("insert into participants (sid, room_id, tenant_id, identity, name, worker_id, joined_at, reserved_until) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", sid, roomId, tenantId, identity, name, workerId, now, reservedUntil);
    }

    /**
     * Brings the participants of one worker in line with what it reports: reported ones are
     * connected, connected ones it no longer reports have left. Answers the reported participants
     * that room-service considers gone, for the worker to disconnect.
     */
    public List<String> reconcile(String workerId, List<String> connectedSids, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            java.sql.Array sids = connection.createArrayOf("text", connectedSids.toArray());
            try (PreparedStatement confirm = connection.prepareStatement(
                    "update participants set connected_at = coalesce(connected_at, ?) "
                            + "where worker_id = ? and left_at is null and sid = any (?)");
                 PreparedStatement departed = connection.prepareStatement(
                         "update participants set left_at = ? where worker_id = ? and left_at is null "
                                 + "and connected_at is not null and not (sid = any (?))");
                 PreparedStatement gone = connection.prepareStatement(
                         "select sid from participants where worker_id = ? and left_at is not null and sid = any (?)")) {
                confirm.setTimestamp(1, Timestamp.from(now));
                confirm.setString(2, workerId);
                confirm.setArray(3, sids);
                confirm.executeUpdate();
                departed.setTimestamp(1, Timestamp.from(now));
                departed.setString(2, workerId);
                departed.setArray(3, sids);
                departed.executeUpdate();
                gone.setString(1, workerId);
                gone.setArray(2, sids);
                List<String> evict = new java.util.ArrayList<>();
                try (ResultSet rows = gone.executeQuery()) {
                    while (rows.next()) {
                        evict.add(rows.getString(1));
                    }
                }
                return evict;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("participant reconciliation failed", e);
        }
    }

    /** Joins whose client never reached the worker before the ticket expired: they left then. */
    public int expireReservations(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update participants set left_at = reserved_until where left_at is null and connected_at is null "
                             + "and reserved_until < ?")) {
            statement.setTimestamp(1, Timestamp.from(now));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("expiring reservations failed", e);
        }
    }

    public void leaveRoom(String roomId, Instant now) {
        execute("update participants set left_at = ? where room_id = ? and left_at is null", now, roomId);
    }

    public void leaveWorkers(List<String> workerIds, Instant now) {
        if (workerIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update participants set left_at = ? where worker_id = any (?) and left_at is null")) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, connection.createArrayOf("text", workerIds.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("participants leaving failed", e);
        }
    }

    private int count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("count participants failed", e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("participant update failed", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
        return statement;
    }
}
