package io.cpaas.room.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Rows locked by a transaction of the test's own, as another room-service instance would hold them
 * mid-transaction: code run meanwhile blocks on them, so a race between two instances can be set up
 * in a fixed order instead of hoped for. Closing commits (changes nothing) and lets the waiters go.
 */
public final class RowLock implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;

    private RowLock(DataSource dataSource, Connection connection) {
        this.dataSource = dataSource;
        this.connection = connection;
    }

    /** Runs {@code select ... for update} with the given string parameters in a transaction left open. */
    public static RowLock take(DataSource dataSource, String selectForUpdate, String... parameters) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(selectForUpdate)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("nothing to lock: " + selectForUpdate);
                    }
                }
            }
            return new RowLock(dataSource, connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs an update in the same open transaction, as the other instance's next statement; it blocks
     * while another transaction holds a row it changes. Answers the rows changed.
     */
    public int update(String sql, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) until at least {@code sessions} sessions of this database wait for a lock. */
    public void awaitWaiters(int sessions, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (waiters() >= sessions) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + sessions + " sessions waited for the lock within " + timeout);
    }

    private int waiters() {
        try (Connection other = dataSource.getConnection();
             PreparedStatement statement = other.prepareStatement("select count(*) from pg_stat_activity "
                     + "where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.commit();
        }
    }
}
