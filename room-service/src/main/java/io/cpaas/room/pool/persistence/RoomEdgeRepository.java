package io.cpaas.room.pool.persistence;

import io.cpaas.room.pool.Worker;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Rows of room.room_edges: the edge workers of broadcast rooms. Callers own the transaction (and the room's lock). */
@ApplicationScoped
public class RoomEdgeRepository {

    private final DataSource dataSource;
    private final WorkerRepository workers;

    public RoomEdgeRepository(DataSource dataSource, WorkerRepository workers) {
        this.dataSource = dataSource;
        this.workers = workers;
    }

    /** An edge of a room with the room's live participants on it. */
    public record Edge(Worker worker, int viewers) {
        /** True while the worker can take one more participant (of any room). */
        public boolean hasCapacity() {
            return worker.load().participants() + worker.reservedParticipants() < worker.maxParticipants();
        }
    }

    /** The room's edges relaying from {@code originId} that are active and heard from since {@code healthySince}. */
    public List<Edge> live(String roomId, String originId, Instant healthySince, Instant now) {
        String sql = "select " + WorkerRepository.qualifiedColumns("w") + ", (select count(*) from participants p "
                + "where p.room_id = e.room_id and p.worker_id = e.worker_id and p.left_at is null "
                + "and (p.connected_at is not null or p.reserved_until > ?)) as viewers "
                + "from room_edges e join workers w on w.id = e.worker_id "
                + "where e.room_id = ? and e.origin_worker_id = ? and w.state = 'active' and w.last_heartbeat_at > ? "
                + "order by e.opened_at, w.id";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, roomId);
            statement.setString(3, originId);
            statement.setTimestamp(4, Timestamp.from(healthySince));
            List<Edge> edges = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    edges.add(new Edge(WorkerRepository.map(rows), rows.getInt("viewers")));
                }
            }
            return edges;
        } catch (SQLException e) {
            throw new IllegalStateException("room edges query failed", e);
        }
    }

    /** Every worker the room has an edge row on (whatever its state or origin), so a new edge is another worker. */
    public List<String> workerIds(String roomId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select worker_id from room_edges where room_id = ?")) {
            statement.setString(1, roomId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("room edges query failed", e);
        }
    }

    /** Makes the worker an edge of the room relaying from {@code originId} (replacing a stale row). */
    public void open(String roomId, String workerId, String originId, Instant at) {
        update("insert into room_edges (room_id, worker_id, origin_worker_id, opened_at) values (?, ?, ?, ?) "
                + "on conflict (room_id, worker_id) do update set origin_worker_id = excluded.origin_worker_id, "
                + "opened_at = excluded.opened_at", roomId, workerId, originId, Timestamp.from(at));
    }

    /** Forgets the room's edges of an earlier origin: after a failover they relay nothing. */
    public void forgetStale(String roomId, String originId) {
        update("delete from room_edges where room_id = ? and origin_worker_id <> ?", roomId, originId);
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("room edges update failed", e);
        }
    }
}
