package io.cpaas.room.session.persistence;

import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import io.cpaas.room.session.RoomSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Room sessions (rows of rooms) with their participants' totals, for the history API. */
@ApplicationScoped
public class RoomSessionRepository {

    // Sessions still open count up to now; durations in whole milliseconds like the usage ledger.
    private static final String SELECT = "select r.id, r.name, r.mode, r.status, r.created_at, r.started_at, r.ended_at, "
            + "r.peak_participants, t.sessions, t.millis, t.bytes_in, t.bytes_out from rooms r cross join lateral ("
            + "  select count(*) filter (where p.connected_at is not null) as sessions, "
            + "  coalesce(sum(floor(extract(epoch from (coalesce(p.left_at, date_trunc('milliseconds', now())) - p.connected_at)) * 1000)) "
            + "    filter (where p.connected_at is not null), 0)::bigint as millis, "
            + "  coalesce(sum(p.bytes_in), 0)::bigint as bytes_in, coalesce(sum(p.bytes_out), 0)::bigint as bytes_out "
            + "  from participants p where p.room_id = r.id) t ";

    private final DataSource dataSource;

    public RoomSessionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's sessions of rooms with this name, newest first, after the (createdAt, sid) key when given. */
    public List<RoomSession> page(String tenantId, String name, Instant afterCreatedAt, String afterSid, int limit) {
        String sql = SELECT + "where r.tenant_id = ? and r.name = ? "
                + (afterSid == null ? "" : "and (r.created_at, r.id) < (?, ?) ")
                + "order by r.created_at desc, r.id desc limit " + limit;
        return afterSid == null ? query(sql, tenantId, name) : query(sql, tenantId, name, afterCreatedAt, afterSid);
    }

    public Optional<RoomSession> find(String tenantId, String name, String sid) {
        return query(SELECT + "where r.tenant_id = ? and r.name = ? and r.id = ?", tenantId, name, sid).stream().findFirst();
    }

    private List<RoomSession> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else {
                    statement.setString(i + 1, (String) parameters[i]);
                }
            }
            List<RoomSession> sessions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sessions.add(new RoomSession(rows.getString("id"), rows.getString("name"),
                            RoomMode.fromWireName(rows.getString("mode")), RoomStatus.fromWireName(rows.getString("status")),
                            instant(rows, "created_at"), instant(rows, "started_at"), instant(rows, "ended_at"),
                            rows.getInt("peak_participants"), rows.getInt("sessions"), rows.getLong("millis"),
                            rows.getLong("bytes_in"), rows.getLong("bytes_out")));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw new IllegalStateException("room sessions query failed", e);
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
