package io.cpaas.room.pool.persistence;

import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.WorkerLoad;
import io.cpaas.room.pool.WorkerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Rows of room.workers. Callers own the transaction. */
@ApplicationScoped
public class WorkerRepository {

    private static final String COLUMNS = "id, region, signal_url, udp_address, max_participants, max_tracks, state, "
            + "registered_at, last_heartbeat_at, cpu, participants, tracks_in, tracks_out, bitrate_bps, reserved_participants, control_url";

    /**
     * The allocation score, lower is better: CPU weighs most, then participants (including the ones
     * placed since the last heartbeat), then forwarded tracks, each as a share of the worker's capacity.
     */
    public static final String SCORE = "0.5 * cpu + 0.3 * (participants + reserved_participants)::float8 / max_participants "
            + "+ 0.2 * tracks_out::float8 / max_tracks";

    private final DataSource dataSource;
    private final DataSource counters;

    public WorkerRepository(DataSource dataSource, @io.quarkus.agroal.DataSource("counters") DataSource counters) {
        this.dataSource = dataSource;
        this.counters = counters;
    }

    /** Registers or re-registers a worker as active with no load. */
    public void upsert(Worker worker) {
        String sql = "insert into workers (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, 'active', ?, ?, 0, 0, 0, 0, 0, 0, ?) "
                + "on conflict (id) do update set region = excluded.region, signal_url = excluded.signal_url, "
                + "udp_address = excluded.udp_address, max_participants = excluded.max_participants, "
                + "max_tracks = excluded.max_tracks, state = 'active', registered_at = excluded.registered_at, "
                + "last_heartbeat_at = excluded.last_heartbeat_at, cpu = 0, participants = 0, tracks_in = 0, "
                + "tracks_out = 0, bitrate_bps = 0, reserved_participants = 0, control_url = excluded.control_url";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, worker.id());
            statement.setString(2, worker.region());
            statement.setString(3, worker.signalUrl());
            statement.setString(4, worker.udpAddress());
            statement.setInt(5, worker.maxParticipants());
            statement.setInt(6, worker.maxTracks());
            statement.setTimestamp(7, Timestamp.from(worker.registeredAt()));
            statement.setTimestamp(8, Timestamp.from(worker.lastHeartbeatAt()));
            statement.setString(9, worker.controlUrl());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("register worker failed", e);
        }
    }

    /** Records a heartbeat of an active or draining worker; empty when the worker must register again. */
    public Optional<WorkerState> heartbeat(String id, WorkerLoad load, Instant at) {
        String sql = "update workers set cpu = ?, participants = ?, tracks_in = ?, tracks_out = ?, bitrate_bps = ?, "
                + "reserved_participants = 0, last_heartbeat_at = ? where id = ? and state in ('active', 'draining') "
                + "returning state";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, load.cpu());
            statement.setInt(2, load.participants());
            statement.setInt(3, load.tracksIn());
            statement.setInt(4, load.tracksOut());
            statement.setLong(5, load.bitrateBps());
            statement.setTimestamp(6, Timestamp.from(at));
            statement.setString(7, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(WorkerState.fromWireName(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("heartbeat failed", e);
        }
    }

    public boolean setState(String id, WorkerState state) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("update workers set state = ? where id = ?")) {
            statement.setString(1, state.wireName());
            statement.setString(2, id);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("worker state change failed", e);
        }
    }

    /** Active or draining workers silent since {@code deadline}. */
    public List<String> silentSince(Instant deadline) {
        String sql = "select id from workers where state in ('active', 'draining') and last_heartbeat_at < ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(deadline));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("failure detection failed", e);
        }
    }

    /**
     * Marks the workers unhealthy that are still silent since {@code deadline}; answers the ones it
     * marked. A heartbeat committed after they were found silent (on any instance) keeps a worker out.
     */
    public List<String> markUnhealthy(List<String> ids, Instant deadline) {
        String sql = "update workers set state = 'unhealthy' where id = any (?) and state in ('active', 'draining') "
                + "and last_heartbeat_at < ? returning id";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            statement.setTimestamp(2, Timestamp.from(deadline));
            List<String> marked = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    marked.add(rows.getString(1));
                }
            }
            return marked;
        } catch (SQLException e) {
            throw new IllegalStateException("marking workers unhealthy failed", e);
        }
    }

    public Optional<Worker> find(String id) {
        List<Worker> found = query("select " + COLUMNS + " from workers where id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<Worker> all() {
        return query("select " + COLUMNS + " from workers where state <> 'gone' order by id");
    }

    /**
     * The best worker for a new room: active, heard from since {@code freshSince}, not full; in the
     * preferred region when one is; lowest score. Empty when no worker can take it.
     */
    public Optional<Worker> best(String preferredRegion, Instant freshSince) {
        String sql = "select " + COLUMNS + " from workers where state = 'active' and last_heartbeat_at > ? "
                + "and participants + reserved_participants < max_participants "
                + "order by (region = ?) desc nulls last, " + SCORE + ", id limit 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(freshSince));
            statement.setString(2, preferredRegion);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("allocation query failed", e);
        }
    }

    /**
     * Like {@link #best}, among the workers not in {@code excluded}: the worker a broadcast room
     * opens its next edge on (neither its origin nor one of its edges).
     */
    public Optional<Worker> bestExcept(String preferredRegion, Instant freshSince, List<String> excluded) {
        String sql = "select " + COLUMNS + " from workers where state = 'active' and last_heartbeat_at > ? "
                + "and participants + reserved_participants < max_participants and not (id = any (?)) "
                + "order by (region = ?) desc nulls last, " + SCORE + ", id limit 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(freshSince));
            statement.setArray(2, connection.createArrayOf("text", excluded.toArray()));
            statement.setString(3, preferredRegion);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("allocation query failed", e);
        }
    }

    /** The worker columns prefixed with a table alias, for joins that read workers. */
    static String qualifiedColumns(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(",\\s*")).map(c -> alias + "." + c).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Counts a participant on its way to the worker until the worker's next heartbeat reports it
     * (which resets the count). Every join on the worker adds to its row, so the add is one statement
     * on the {@code counters} data source, committed by itself at once (see RoomAllocator#reserve).
     */
    public void reserveParticipant(String id) {
        try (Connection connection = counters.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update workers set reserved_participants = reserved_participants + 1 where id = ?")) {
            statement.setString(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("reservation failed", e);
        }
    }

    /** Pool totals for metrics: workers by state, and capacity and use of the active ones. */
    public PoolTotals totals() {
        String sql = "select count(*) filter (where state = 'active'), count(*) filter (where state = 'draining'), "
                + "count(*) filter (where state = 'unhealthy'), "
                + "coalesce(sum(max_participants) filter (where state = 'active'), 0), "
                + "coalesce(sum(participants + reserved_participants) filter (where state = 'active'), 0), "
                + "coalesce(sum(participants) filter (where state in ('active', 'draining')), 0) from workers";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new PoolTotals(rows.getInt(1), rows.getInt(2), rows.getInt(3), rows.getLong(4), rows.getLong(5), rows.getLong(6));
        } catch (SQLException e) {
            throw new IllegalStateException("pool totals failed", e);
        }
    }

    private List<Worker> query(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<Worker> workers = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    workers.add(map(rows));
                }
            }
            return workers;
        } catch (SQLException e) {
            throw new IllegalStateException("worker query failed", e);
        }
    }

    static Worker map(ResultSet row) throws SQLException {
        return new Worker(row.getString("id"), row.getString("region"), row.getString("signal_url"),
                row.getString("udp_address"), row.getInt("max_participants"), row.getInt("max_tracks"),
                WorkerState.fromWireName(row.getString("state")), row.getTimestamp("registered_at").toInstant(),
                row.getTimestamp("last_heartbeat_at").toInstant(),
                new WorkerLoad(row.getDouble("cpu"), row.getInt("participants"), row.getInt("tracks_in"),
                        row.getInt("tracks_out"), row.getLong("bitrate_bps"), null),
                row.getInt("reserved_participants"), row.getString("control_url"));
    }

    /** Pool-wide numbers; utilization is what an autoscaler scales the worker pool on. */
    public record PoolTotals(int active, int draining, int unhealthy, long activeCapacity, long activeUsed,
                             long participants) {
        public double utilization() {
            return activeCapacity == 0 ? 1.0 : (double) activeUsed / activeCapacity;
        }
    }
}
