package io.cpaas.room.usage.persistence;

import io.cpaas.room.usage.Granularity;
import io.cpaas.room.usage.UsageBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The hourly usage ledger of room.usage_hourly. Time spans are split at hour boundaries so that a
 * session's milliseconds land in the hours they were spent in and add up to its duration exactly.
 * Callers own the transaction, except for the TURN counts (see {@link #countTurnCredentials}): what a
 * transaction adds is written as it ends, in (tenant, hour) order ({@link PendingUsage}), so that
 * transactions adding to the same rows cannot deadlock; outside a transaction it is written at once.
 */
@ApplicationScoped
public class UsageLedger {

    private static final String UPSERT = "insert into usage_hourly (tenant_id, hour, %1$s) values (?, ?, ?) "
            + "on conflict (tenant_id, hour) do update set %1$s = usage_hourly.%1$s + excluded.%1$s";

    private final DataSource dataSource;
    private final DataSource counters;
    private final TransactionSynchronizationRegistry transactions;

    public UsageLedger(DataSource dataSource, @io.quarkus.agroal.DataSource("counters") DataSource counters,
                       TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.counters = counters;
        this.transactions = transactions;
    }

    public void addParticipantTime(String tenantId, Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            return;
        }
        change(pending -> split(from, to).forEach(share -> pending.addParticipantMillis(tenantId, share.hour(), share.millis())));
    }

    public void addRoomTime(String tenantId, Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            return;
        }
        change(pending -> split(from, to).forEach(share -> pending.addRoomMillis(tenantId, share.hour(), share.millis())));
    }

    public void addTraffic(String tenantId, Instant at, long bytesIn, long bytesOut) {
        if (bytesIn == 0 && bytesOut == 0) {
            return;
        }
        change(pending -> pending.addTraffic(tenantId, hourOf(at), bytesIn, bytesOut));
    }

    /**
     * Counts TURN credentials issued. Every join of a tenant adds to the same row of the hour, so the
     * add is one statement on the {@code counters} data source: it commits by itself, outside the
     * caller's transaction, without waiting for its WAL flush. The row is locked only while
     * PostgreSQL runs the statement, never across a round trip to a room-service that its machine
     * has descheduled (the load soak saw joins queue behind such holders). A PostgreSQL crash can
     * lose the last fraction of a second of these counts (at most 3 × wal_writer_delay, 0.6 s by
     * default), never corrupt them; a room-service crash loses nothing.
     */
    public void countTurnCredentials(String tenantId, Instant at, int count) {
        executeCount(counters, UPSERT.formatted("turn_credentials"), tenantId, hourOf(at), (long) count);
    }

    /** Raises the hour's peak of concurrently connected participants to {@code connected}. */
    public void raisePeak(String tenantId, Instant at, int connected) {
        change(pending -> pending.raisePeak(tenantId, hourOf(at), connected));
    }

    /**
     * Raises the current hour's peak of every tenant to its participants connected now. In tenant order, as
     * {@link PendingUsage} writes: one statement over many tenants' rows, it must not lock them in another.
     */
    public int samplePeaks(Instant now) {
        return executeCount("insert into usage_hourly (tenant_id, hour, peak_participants) "
                + "select tenant_id, ?, count(*) from participants where left_at is null and connected_at is not null "
                + "group by tenant_id order by tenant_id on conflict (tenant_id, hour) do update set peak_participants = "
                + "greatest(usage_hourly.peak_participants, excluded.peak_participants)", hourOf(now));
    }

    /**
     * The ledger of a tenant in [from, to) summed per bucket of the granularity (UTC), oldest first;
     * buckets with nothing recorded are absent. PostgreSQL sums the hours, so a year by day reads
     * its 8,760 rows in the database and returns 366.
     */
    public List<UsageBucket> buckets(String tenantId, Instant from, Instant to, Granularity granularity) {
        String sql = "select date_trunc(?, hour, 'UTC'), sum(participant_millis)::bigint, sum(room_millis)::bigint, "
                + "max(peak_participants), sum(bytes_in)::bigint, sum(bytes_out)::bigint, sum(turn_credentials)::bigint "
                + "from usage_hourly where tenant_id = ? and hour >= ? and hour < ? group by 1 order by 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, granularity.wireName());
            statement.setString(2, tenantId);
            statement.setTimestamp(3, Timestamp.from(from));
            statement.setTimestamp(4, Timestamp.from(to));
            List<UsageBucket> buckets = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    buckets.add(new UsageBucket(rows.getTimestamp(1).toInstant(), rows.getLong(2), rows.getLong(3), rows.getInt(4),
                            rows.getLong(5), rows.getLong(6), rows.getLong(7)));
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed", e);
        }
    }

    /** Splits [from, to) at hour boundaries: the milliseconds spent in each hour, which sum to the whole. */
    public static List<HourShare> split(Instant from, Instant to) {
        List<HourShare> shares = new ArrayList<>();
        Instant hour = hourOf(from);
        while (hour.isBefore(to)) {
            Instant next = hour.plus(1, ChronoUnit.HOURS);
            Instant start = from.isAfter(hour) ? from : hour;
            Instant end = to.isBefore(next) ? to : next;
            long millis = Duration.between(start, end).toMillis();
            if (millis > 0) {
                shares.add(new HourShare(hour, millis));
            }
            hour = next;
        }
        return shares;
    }

    /** Milliseconds of a span that fell in one hour. */
    public record HourShare(Instant hour, long millis) {
    }

    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Adds to the transaction's pending rows, written before it commits; without a transaction, writes
     * them at once.
     */
    private void change(java.util.function.Consumer<PendingUsage> addition) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            PendingUsage now = new PendingUsage();
            addition.accept(now);
            write(now);
            return;
        }
        PendingUsage pending = (PendingUsage) transactions.getResource(PendingUsage.class);
        if (pending == null) {
            PendingUsage created = new PendingUsage();
            transactions.putResource(PendingUsage.class, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    write(created);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            pending = created;
        }
        addition.accept(pending);
    }

    private void write(PendingUsage pending) {
        if (pending.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            pending.write(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("usage update failed", e);
        }
    }

    private int executeCount(String sql, Object... parameters) {
        return executeCount(dataSource, sql, parameters);
    }

    private static int executeCount(DataSource source, String sql, Object... parameters) {
        try (Connection connection = source.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else if (value instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) value);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("usage update failed", e);
        }
    }
}
