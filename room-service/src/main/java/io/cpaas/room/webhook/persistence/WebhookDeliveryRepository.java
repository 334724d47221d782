package io.cpaas.room.webhook.persistence;

import io.cpaas.room.webhook.WebhookAttempt;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.WebhookDeliveryState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Rows of room.webhook_deliveries and room.webhook_attempts. Callers own the transaction. */
@ApplicationScoped
public class WebhookDeliveryRepository {

    private static final String COLUMNS = "id, seq, tenant_id, room_id, type, payload, created_at, state, attempts, "
            + "next_attempt_at, last_attempt_at, last_status, last_error, finished_at, lease_until";
    private static final int MAX_ERROR_LENGTH = 500;

    private final DataSource dataSource;

    public WebhookDeliveryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String id, String tenantId, String roomId, String type, String payload, Instant createdAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("insert into webhook_deliveries "
                     + "(id, tenant_id, room_id, type, payload, created_at, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, id);
            statement.setString(2, tenantId);
            statement.setString(3, roomId);
            statement.setString(4, type);
            statement.setString(5, payload);
            statement.setTimestamp(6, Timestamp.from(createdAt));
            statement.setTimestamp(7, Timestamp.from(Instant.now()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing a webhook delivery failed", e);
        }
    }

    /**
     * Leases up to {@code limit} deliveries that are due and first in their (tenant, room) chain, none
     * of the tenants in {@code skipTenants}. A lease another instance holds is respected; the
     * re-checked condition in the update makes two instances racing for one row get it once.
     */
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit, Collection<String> skipTenants) {
        String sql = "with heads as (select distinct on (tenant_id, room_id) id, tenant_id, next_attempt_at, lease_until "
                + "  from webhook_deliveries where state = 'pending' order by tenant_id, room_id, seq), "
                + "due as (select id from heads where next_attempt_at <= ? and (lease_until is null or lease_until < ?) "
                + "  and not (tenant_id = any(?)) order by next_attempt_at limit ?) "
                + "update webhook_deliveries d set lease_until = ? from due where d.id = due.id and d.state = 'pending' "
                + "  and (d.lease_until is null or d.lease_until < ?) returning " + prefixed("d.");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Array skipped = connection.createArrayOf("text", skipTenants.toArray());
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, skipped);
            statement.setInt(4, limit);
            statement.setTimestamp(5, Timestamp.from(leaseUntil));
            statement.setTimestamp(6, Timestamp.from(now));
            return read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("claiming webhook deliveries failed", e);
        }
    }

    /**
     * Records an attempt and what follows: done ({@code state} not pending) or another try at
     * {@code nextAttemptAt}. The attempt is logged in any case (it was made); the delivery's state
     * changes only while it is still under the lease the attempt was made under: false when the
     * lease ran out and another instance took the delivery over, whose outcome then decides.
     */
    public boolean recordAttempt(WebhookDelivery leased, WebhookAttempt attempt, WebhookDeliveryState state, Instant nextAttemptAt) {
        String id = leased.id();
        String error = truncate(attempt.error());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("insert into webhook_attempts "
                    + "(delivery_id, attempt, at, url, status, latency_ms, error) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                statement.setString(1, id);
                statement.setInt(2, attempt.attempt());
                statement.setTimestamp(3, Timestamp.from(attempt.at()));
                statement.setString(4, attempt.url());
                setInteger(statement, 5, attempt.status());
                statement.setInt(6, attempt.latencyMillis());
                statement.setString(7, error);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("update webhook_deliveries set attempts = ?, "
                    + "last_attempt_at = ?, last_status = ?, last_error = ?, state = ?, next_attempt_at = ?, lease_until = null, "
                    + "finished_at = ? where id = ? and lease_until = ?")) {
                statement.setInt(1, attempt.attempt());
                statement.setTimestamp(2, Timestamp.from(attempt.at()));
                setInteger(statement, 3, attempt.status());
                statement.setString(4, error);
                statement.setString(5, state.wireName());
                statement.setTimestamp(6, Timestamp.from(nextAttemptAt));
                statement.setTimestamp(7, state == WebhookDeliveryState.PENDING ? null : Timestamp.from(attempt.at()));
                statement.setString(8, id);
                statement.setTimestamp(9, Timestamp.from(leased.leaseUntil()));
                return statement.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording a webhook attempt failed", e);
        }
    }

    /** Ends a delivery without an attempt (no URL, tenant disabled) while still under its lease; {@code why} goes to its log. */
    public void finishWithoutAttempt(WebhookDelivery leased, WebhookDeliveryState state, String why, Instant now) {
        update("update webhook_deliveries set state = ?, last_error = ?, lease_until = null, finished_at = ? where id = ? and lease_until = ?",
                state.wireName(), truncate(why), now, leased.id(), leased.leaseUntil());
    }

    /** Gives the lease back, if still held, and tries again at {@code at}, counting no attempt (nothing was sent). */
    public void postpone(WebhookDelivery leased, Instant at) {
        update("update webhook_deliveries set lease_until = null, next_attempt_at = ? where id = ? and lease_until = ?",
                at, leased.id(), leased.leaseUntil());
    }

    /** The tenant's deliveries, newest first, after the given seq when one is given. */
    public List<WebhookDelivery> page(String tenantId, Long beforeSeq, WebhookDeliveryState state, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from webhook_deliveries where tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        if (beforeSeq != null) {
            sql.append(" and seq < ?");
            parameters.add(beforeSeq);
        }
        if (state != null) {
            sql.append(" and state = ?");
            parameters.add(state.wireName());
        }
        sql.append(" order by seq desc limit ").append(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("reading webhook deliveries failed", e);
        }
    }

    public Optional<WebhookDelivery> find(String tenantId, String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select " + COLUMNS + " from webhook_deliveries where tenant_id = ? and id = ?")) {
            statement.setString(1, tenantId);
            statement.setString(2, id);
            return read(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("reading a webhook delivery failed", e);
        }
    }

    public List<WebhookAttempt> attempts(String deliveryId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select attempt, at, url, status, latency_ms, error from webhook_attempts where delivery_id = ? order by attempt")) {
            statement.setString(1, deliveryId);
            List<WebhookAttempt> attempts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int status = rows.getInt("status");
                    attempts.add(new WebhookAttempt(rows.getInt("attempt"), rows.getTimestamp("at").toInstant(), rows.getString("url"),
                            rows.wasNull() ? null : status, rows.getInt("latency_ms"), rows.getString("error")));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("reading webhook attempts failed", e);
        }
    }

    /** Forgets finished deliveries (and their attempts) older than {@code before}; answers how many. */
    public int forgetFinishedBefore(Instant before) {
        return update("delete from webhook_deliveries where state <> 'pending' and finished_at < ?", before);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating webhook deliveries failed", e);
        }
    }

    private static List<WebhookDelivery> read(PreparedStatement statement) throws SQLException {
        List<WebhookDelivery> deliveries = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                int status = rows.getInt("last_status");
                Integer lastStatus = rows.wasNull() ? null : status;
                deliveries.add(new WebhookDelivery(rows.getString("id"), rows.getLong("seq"), rows.getString("tenant_id"),
                        rows.getString("room_id"), rows.getString("type"), rows.getString("payload"), instant(rows, "created_at"),
                        WebhookDeliveryState.fromWireName(rows.getString("state")).orElseThrow(), rows.getInt("attempts"),
                        instant(rows, "next_attempt_at"), instant(rows, "last_attempt_at"), lastStatus,
                        rows.getString("last_error"), instant(rows, "finished_at"), instant(rows, "lease_until")));
            }
        }
        return deliveries;
    }

    private static String prefixed(String prefix) {
        return prefix + COLUMNS.replace(", ", ", " + prefix);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
