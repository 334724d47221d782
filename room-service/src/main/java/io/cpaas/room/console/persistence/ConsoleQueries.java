package io.cpaas.room.console.persistence;

import io.cpaas.room.console.LiveRoom;
import io.cpaas.room.console.PresentParticipant;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Read-only questions the console asks that no public endpoint answers in one go, each one SQL
 * statement so that a page costs a bounded number of round trips whatever the tenant's size.
 */
@ApplicationScoped
public class ConsoleQueries {

    /** The console lists at most this many live rooms (the oldest first); the API pages beyond. */
    public static final int MAX_LIVE_ROOMS = 500;

    private final DataSource dataSource;

    public ConsoleQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's live rooms with their connected participants counted, oldest first. */
    public List<LiveRoom> liveRooms(String tenantId) {
        String sql = "select r.name, r.mode, r.status, r.metadata, r.max_participants, r.created_at, r.started_at, r.worker_id, "
                + "(select count(*) from participants p where p.room_id = r.id and p.left_at is null and p.connected_at is not null) "
                + "from rooms r where r.tenant_id = ? and r.status <> 'ended' order by r.created_at, r.id limit " + MAX_LIVE_ROOMS;
        List<LiveRoom> rooms = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rooms.add(new LiveRoom(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5),
                            instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7)), rows.getString(8), rows.getInt(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing live rooms failed", e);
        }
        return rooms;
    }

    /** Who is in the tenant's live room {@code name} now (joined, not left), first joined first. */
    public List<PresentParticipant> present(String tenantId, String name) {
        String sql = "select p.sid, p.identity, p.name, p.joined_at, p.connected_at from participants p join rooms r on r.id = p.room_id "
                + "where r.tenant_id = ? and r.name = ? and r.status <> 'ended' and p.tenant_id = ? and p.left_at is null "
                + "order by p.joined_at, p.sid";
        List<PresentParticipant> present = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenantId);
            statement.setString(2, name);
            statement.setString(3, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    present.add(new PresentParticipant(rows.getString(1), rows.getString(2), rows.getString(3),
                            instant(rows.getTimestamp(4)), instant(rows.getTimestamp(5))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing participants failed", e);
        }
        return present;
    }

    /** Live rooms per worker, for the pool page. */
    public Map<String, Integer> roomsPerWorker() {
        String sql = "select worker_id, count(*) from rooms where status <> 'ended' and worker_id is not null group by worker_id";
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting rooms per worker failed", e);
        }
        return counts;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
