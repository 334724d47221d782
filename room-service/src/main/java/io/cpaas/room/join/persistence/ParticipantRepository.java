package io.cpaas.room.join.persistence;

import io.cpaas.room.session.ParticipantSession;
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

    private static final String SESSION_COLUMNS = "p.sid, p.tenant_id, p.room_id, r.name as room_name, p.identity, p.name, "
            + "p.hidden, p.joined_at, p.connected_at, p.left_at, p.left_reason, p.bytes_in, p.bytes_out, p.packets_in, p.packets_out";
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

    /**
     * Records a join; an earlier session of the same identity in the room is replaced: it leaves,
     * and is answered for its session to be closed.
     */
    public List<ParticipantSession> join(String sid, String roomId, String tenantId, String identity, String name, String workerId,
                                         Instant now, Instant reservedUntil, Admission admission) {
        List<ParticipantSession> replaced = close("p.room_id = ? and p.identity = ?", now, "replaced", roomId, identity);
        execute("insert into participants (sid, room_id, tenant_id, identity, name, worker_id, joined_at, reserved_until, "
                + "token_id, token_expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sid, roomId, tenantId, identity, name,
                workerId, now, reservedUntil, admission.tokenId(), admission.tokenExpiresAt());
        return replaced;
    }

    /** The room token (jti) that admitted a participant, and when it expires: what removing it can revoke. */
    public record Admission(String tokenId, Instant tokenExpiresAt) {
    }

    /** The admission of the identity's open session in the room (reserved or connected), if it has one. */
    public java.util.Optional<Admission> liveAdmission(String roomId, String identity) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, "select token_id, token_expires_at from participants "
                     + "where room_id = ? and identity = ? and left_at is null", roomId, identity);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? java.util.Optional.of(new Admission(rows.getString(1), instant(rows, "token_expires_at")))
                    : java.util.Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("participant admission query failed", e);
        }
    }

    /** Ends the identity's open session in the room; answers it when there was one. */
    public List<ParticipantSession> leaveIdentity(String roomId, String identity, Instant at, String reason) {
        return close("p.room_id = ? and p.identity = ?", at, reason, roomId, identity);
    }

    /** A display name changed while connected: the session keeps the latest. */
    public void rename(String roomId, String identity, String name) {
        execute("update participants set name = ? where room_id = ? and identity = ? and left_at is null", name, roomId, identity);
    }

    /**
     * Brings the participants of one worker in line with what it reports: reported ones are
     * connected, connected ones it no longer reports have left. Its events normally said so
     * first; this catches what they missed.
     */
    public Reconciliation reconcile(String workerId, List<String> connectedSids, Instant now) {
        Object sids = new SqlArray(connectedSids);
        List<ParticipantSession> connected = query("update participants p set connected_at = ? from rooms r "
                + "where r.id = p.room_id and p.worker_id = ? and p.left_at is null and p.connected_at is null "
                + "and p.sid = any (?) returning " + SESSION_COLUMNS, now, workerId, sids);
        List<ParticipantSession> departed = close("p.worker_id = ? and p.connected_at is not null and not (p.sid = any (?))",
                now, "disconnected", workerId, sids);
        List<String> evict = new java.util.ArrayList<>();
        for (ParticipantSession gone : query("select " + SESSION_COLUMNS + " from participants p join rooms r on r.id = p.room_id "
                + "where p.worker_id = ? and p.left_at is not null and p.sid = any (?)", workerId, sids)) {
            evict.add(gone.sid());
        }
        return new Reconciliation(connected, departed, evict);
    }

    /** What a heartbeat changed: sessions that connected, sessions that ended, sids the worker should drop. */
    public record Reconciliation(List<ParticipantSession> connected, List<ParticipantSession> departed, List<String> evict) {
    }

    public java.util.Optional<ParticipantSession> find(String sid) {
        return query("select " + SESSION_COLUMNS + " from participants p join rooms r on r.id = p.room_id where p.sid = ?", sid)
                .stream().findFirst();
    }

    /** The worker says the participant reached it; answers the session when this is news. */
    public java.util.Optional<ParticipantSession> connect(String sid, Instant at) {
        return query("update participants p set connected_at = ? from rooms r where r.id = p.room_id and p.sid = ? "
                + "and p.connected_at is null and p.left_at is null returning " + SESSION_COLUMNS, at, sid).stream().findFirst();
    }

    /** The worker says the participant left; answers the session when it was still open. */
    public java.util.Optional<ParticipantSession> leave(String sid, Instant at, String reason) {
        return close("p.sid = ?", at, reason, sid).stream().findFirst();
    }

    /** Raises the session's traffic totals to what the worker reports; answers the increase (zero when old news). */
    public java.util.Optional<TrafficIncrease> raiseTraffic(String sid, long bytesIn, long bytesOut, long packetsIn, long packetsOut) {
        String sql = "with before as (select sid, bytes_in, bytes_out from participants where sid = ? for update) "
                + "update participants p set bytes_in = greatest(p.bytes_in, ?), bytes_out = greatest(p.bytes_out, ?), "
                + "packets_in = greatest(p.packets_in, ?), packets_out = greatest(p.packets_out, ?) from before b "
                + "where p.sid = b.sid returning p.tenant_id, p.bytes_in - b.bytes_in, p.bytes_out - b.bytes_out";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sid);
            statement.setLong(2, bytesIn);
            statement.setLong(3, bytesOut);
            statement.setLong(4, packetsIn);
            statement.setLong(5, packetsOut);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? java.util.Optional.of(new TrafficIncrease(rows.getString(1), rows.getLong(2), rows.getLong(3)))
                        : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("traffic update failed", e);
        }
    }

    /** How much a traffic report added to a session's totals. */
    public record TrafficIncrease(String tenantId, long bytesIn, long bytesOut) {
    }

    public void markHidden(String sid) {
        execute("update participants set hidden = true where sid = ?", sid);
    }

    /** Joins whose client never reached the worker before the ticket expired: they left then. */
    public int expireReservations(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update participants set left_at = reserved_until, left_reason = 'never_connected' "
                             + "where left_at is null and connected_at is null and reserved_until < ?")) {
            statement.setTimestamp(1, Timestamp.from(now));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("expiring reservations failed", e);
        }
    }

    public List<ParticipantSession> leaveRoom(String roomId, Instant now) {
        return close("p.room_id = ?", now, "room_ended", roomId);
    }

    public List<ParticipantSession> leaveWorkers(List<String> workerIds, Instant now) {
        if (workerIds.isEmpty()) {
            return List.of();
        }
        return close("p.worker_id = any (?)", now, "worker_lost", new SqlArray(workerIds));
    }

    /** A page of a room session's participants, newest first, after the given (joinedAt, sid) key. */
    public List<ParticipantSession> ofRoom(String roomId, Instant afterJoinedAt, String afterSid, int limit) {
        String sql = "select " + SESSION_COLUMNS + " from participants p join rooms r on r.id = p.room_id where p.room_id = ? "
                + (afterSid == null ? "" : "and (p.joined_at, p.sid) < (?, ?) ")
                + "order by p.joined_at desc, p.sid desc limit " + limit;
        return afterSid == null ? query(sql, roomId) : query(sql, roomId, afterJoinedAt, afterSid);
    }

    /** Sessions of the tenant connected now, for usage up to this moment. */
    public List<ParticipantSession> presentInTenant(String tenantId) {
        return query("select " + SESSION_COLUMNS + " from participants p join rooms r on r.id = p.room_id "
                + "where p.tenant_id = ? and p.left_at is null and p.connected_at is not null", tenantId);
    }

    public int countConnectedInTenant(String tenantId) {
        return count("select count(*) from participants where tenant_id = ? and left_at is null and connected_at is not null", tenantId);
    }

    public int countConnectedInRoom(String roomId) {
        return count("select count(*) from participants where room_id = ? and left_at is null and connected_at is not null", roomId);
    }

    /** Ends the open sessions matching {@code condition} (on alias p) at {@code at}; answers them. */
    private List<ParticipantSession> close(String condition, Instant at, String reason, Object... parameters) {
        Object[] all = new Object[parameters.length + 2];
        all[0] = at;
        all[1] = reason;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        // A session never ends before it began, whatever the clocks of worker and room-service say.
        return query("update participants p set left_at = greatest(?::timestamptz, p.connected_at, p.joined_at), left_reason = ? "
                + "from rooms r where r.id = p.room_id and p.left_at is null and " + condition + " returning " + SESSION_COLUMNS, all);
    }

    private List<ParticipantSession> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<ParticipantSession> sessions = new java.util.ArrayList<>();
            while (rows.next()) {
                sessions.add(new ParticipantSession(rows.getString("sid"), rows.getString("tenant_id"), rows.getString("room_id"),
                        rows.getString("room_name"), rows.getString("identity"), rows.getString("name"), rows.getBoolean("hidden"),
                        instant(rows, "joined_at"), instant(rows, "connected_at"), instant(rows, "left_at"),
                        rows.getString("left_reason"), rows.getLong("bytes_in"), rows.getLong("bytes_out"),
                        rows.getLong("packets_in"), rows.getLong("packets_out")));
            }
            return sessions;
        } catch (SQLException e) {
            throw new IllegalStateException("participant sessions query failed", e);
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        // Whole milliseconds: durations and usage buckets are counted in them.
        return value == null ? null : value.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** A text[] parameter. */
    private record SqlArray(List<String> values) {
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
            } else if (value instanceof SqlArray array) {
                statement.setArray(i + 1, connection.createArrayOf("text", array.values().toArray()));
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
        return statement;
    }
}
