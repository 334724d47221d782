package io.cpaas.room.room.persistence;

import io.cpaas.room.room.Room;
import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import io.cpaas.room.session.RoomSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Rows of room.rooms. Callers own the transaction. */
@ApplicationScoped
public class RoomRepository {

    private static final String SPAN_COLUMNS = "id, tenant_id, name, started_at, ended_at";
    private static final String COLUMNS = "id, tenant_id, name, mode, max_participants, empty_timeout_seconds, region, "
            + "metadata, status, created_at, started_at, ended_at, worker_id";

    /** The advisory-lock space of room creation (the key's first half; the tenant's hash is the second). */
    private static final int ROOM_CREATION_LOCKS = 0x726f6f6d; // "room"

    private final DataSource dataSource;

    public RoomRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the room unless a live room of that name exists; true when this call created it. */
    public boolean insertIfAbsent(Room room) {
        String sql = "insert into rooms (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (tenant_id, name) where status <> 'ended' do nothing";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, room.id());
            statement.setString(2, room.tenantId());
            statement.setString(3, room.name());
            statement.setString(4, room.mode().wireName());
            statement.setInt(5, room.maxParticipants());
            statement.setInt(6, room.emptyTimeoutSeconds());
            statement.setString(7, room.region());
            statement.setString(8, room.metadata());
            statement.setString(9, room.status().wireName());
            statement.setTimestamp(10, Timestamp.from(room.createdAt()));
            statement.setTimestamp(11, timestamp(room.startedAt()));
            statement.setTimestamp(12, timestamp(room.endedAt()));
            statement.setString(13, room.workerId());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("insert room failed", e);
        }
    }

    public Optional<Room> findLive(String tenantId, String name) {
        return queryOne("select " + COLUMNS + " from rooms where tenant_id = ? and name = ? and status <> 'ended'", tenantId, name);
    }

    /** The live room, locked until the transaction ends: joins for one room are serialized here. */
    public Optional<Room> lockLive(String tenantId, String name) {
        return queryOne("select " + COLUMNS + " from rooms where tenant_id = ? and name = ? and status <> 'ended' for update",
                tenantId, name);
    }

    /**
     * Serializes the creation of a tenant's rooms across transactions and room-service instances
     * until this transaction ends, so that a count of its live rooms stays true until the insert
     * commits: two creates racing past a limit would otherwise both see room for one more.
     */
    public void lockRoomCreation(String tenantId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            statement.setInt(1, ROOM_CREATION_LOCKS);
            statement.setString(2, tenantId);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("room creation lock failed", e);
        }
    }

    /** A tenant's rooms in creation order after the given (created_at, id) position. */
    public List<Room> page(String tenantId, RoomStatus status, Instant afterCreatedAt, String afterId, int limit) {
        String sql = "select " + COLUMNS + " from rooms where tenant_id = ? and (?::text is null or status = ?) "
                + "and (created_at, id) > (?, ?) order by created_at, id limit ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            String statusName = status == null ? null : status.wireName();
            statement.setString(1, tenantId);
            statement.setString(2, statusName);
            statement.setString(3, statusName);
            statement.setTimestamp(4, Timestamp.from(afterCreatedAt == null ? Instant.EPOCH : afterCreatedAt));
            statement.setString(5, afterId == null ? "" : afterId);
            statement.setInt(6, limit);
            List<Room> rooms = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rooms.add(map(rows));
                }
            }
            return rooms;
        } catch (SQLException e) {
            throw new IllegalStateException("list rooms failed", e);
        }
    }

    /** Puts the room on a worker; answers its span when this placement started the room session. */
    public Optional<RoomSpan> place(String roomId, String workerId, Instant at) {
        update("update rooms set worker_id = ?, status = 'active' where id = ?", workerId, roomId);
        return spans("update rooms set started_at = ? where id = ? and started_at is null returning " + SPAN_COLUMNS,
                at, roomId).stream().findFirst();
    }

    /** Ends the room session; answers its span. */
    public Optional<RoomSpan> end(String roomId, Instant at) {
        return spans("update rooms set status = 'ended', ended_at = ?, worker_id = null where id = ? and status <> 'ended' "
                + "returning " + SPAN_COLUMNS, at, roomId).stream().findFirst();
    }

    /** Raises the room session's peak to its participants connected now; a peak already as high is neither locked nor written. */
    public void raisePeak(String roomId, int connected) {
        update("update rooms set peak_participants = ? where id = ? and peak_participants < ?", connected, roomId, connected);
    }

    /** Live room sessions of a tenant that have started, for usage up to this moment. */
    public List<RoomSpan> startedLive(String tenantId) {
        return spans("select " + SPAN_COLUMNS + " from rooms where tenant_id = ? and status <> 'ended' and started_at is not null",
                tenantId);
    }

    private List<RoomSpan> spans(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<RoomSpan> spans = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    spans.add(span(rows));
                }
            }
            return spans;
        } catch (SQLException e) {
            throw new IllegalStateException("room span query failed", e);
        }
    }

    private static RoomSpan span(ResultSet rows) throws SQLException {
        return new RoomSpan(rows.getString("id"), rows.getString("tenant_id"), rows.getString("name"),
                millis(instant(rows, "started_at")), millis(instant(rows, "ended_at")));
    }

    private static Instant millis(Instant value) {
        return value == null ? null : value.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * Ends up to {@code limit} live rooms nobody is in (no connected participant, no pending join)
     * for longer than their empty timeout, counted from the last departure or, for rooms never
     * joined, creation.
     */
    public List<RoomSpan> endEmpty(Instant now, int limit) {
        // Cheap test first (an index probe per room for someone still there), the last departure only
        // for the rooms that are empty; the limit counts rooms that are due, so a pass never stalls on
        // empty rooms still within their timeout.
        String due = "coalesce((select max(coalesce(p.left_at, p.reserved_until)) from participants p where p.room_id = %1$s.id), "
                + "  %1$s.created_at) < ?::timestamptz - make_interval(secs => %1$s.empty_timeout_seconds)";
        String sql = "with due as (select r.id from rooms r "
                + "  where r.status <> 'ended' and not exists (select 1 from participants p where p.room_id = r.id "
                + "    and p.left_at is null and (p.connected_at is not null or p.reserved_until > ?)) and " + due.formatted("r")
                + "  limit ?) "
                // status and timeout again: a row another instance's reaper ended meanwhile is re-checked here
                + "update rooms r set status = 'ended', ended_at = ?, worker_id = null from due d where r.id = d.id "
                + "and r.status <> 'ended' and " + due.formatted("r") + " "
                + "returning r.id, r.tenant_id, r.name, r.started_at, r.ended_at";
        return spans(sql, now, now, limit, now, now);
    }

    /** Frees the rooms of workers that stopped, so the next join places them elsewhere. */
    public int releaseFromWorkers(List<String> workerIds) {
        if (workerIds.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update rooms set worker_id = null where worker_id = any (?)")) {
            statement.setArray(1, connection.createArrayOf("text", workerIds.toArray()));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("release rooms failed", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update room failed", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setString(i + 1, value.toString());
            }
        }
    }

    private Optional<Room> queryOne(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("find room failed", e);
        }
    }

    private static Room map(ResultSet row) throws SQLException {
        return new Room(row.getString("id"), row.getString("tenant_id"), row.getString("name"),
                RoomMode.fromWireName(row.getString("mode")), row.getInt("max_participants"),
                row.getInt("empty_timeout_seconds"), row.getString("region"), row.getString("metadata"),
                RoomStatus.fromWireName(row.getString("status")), instant(row, "created_at"), instant(row, "started_at"),
                instant(row, "ended_at"), row.getString("worker_id"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
