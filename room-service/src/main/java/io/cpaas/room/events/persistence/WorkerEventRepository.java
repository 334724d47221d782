package io.cpaas.room.events.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** The ids of events already applied (room.worker_events). Callers own the transaction. */
@ApplicationScoped
public class WorkerEventRepository {

    private final DataSource dataSource;

    public WorkerEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the event id; false when it was recorded before (the event was applied then). */
    public boolean firstTime(String eventId, String workerId, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "insert into worker_events (id, worker_id, received_at) values (?, ?, ?) on conflict do nothing")) {
            statement.setString(1, eventId);
            statement.setString(2, workerId);
            statement.setTimestamp(3, Timestamp.from(now));
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording an event id failed", e);
        }
    }

    /** Forgets ids received before {@code before}; answers how many. */
    public int forgetBefore(Instant before) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("delete from worker_events where received_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(before));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pruning event ids failed", e);
        }
    }
}
