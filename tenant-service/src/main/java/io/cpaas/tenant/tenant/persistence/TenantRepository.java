package io.cpaas.tenant.tenant.persistence;

import io.cpaas.api.tenant.TenantLimits;
import io.cpaas.api.tenant.WebhookSettings;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.TenantStatus;
import io.cpaas.tenant.persistence.PersistenceFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Rows of tenant.tenants. Callers own the transaction. */
@ApplicationScoped
public class TenantRepository {

    private static final String COLUMNS = "id, name, status, max_concurrent_participants, max_rooms, "
            + "requests_per_second_per_key, auto_create_rooms, webhook_url, webhook_secret, created_at, updated_at";

    private final DataSource dataSource;

    public TenantRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Tenant tenant) {
        String sql = "insert into tenants (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, tenant);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure("insert tenant", e);
        }
    }

    public void update(Tenant tenant) {
        String sql = "update tenants set name = ?, status = ?, max_concurrent_participants = ?, max_rooms = ?, "
                + "requests_per_second_per_key = ?, auto_create_rooms = ?, webhook_url = ?, webhook_secret = ?, updated_at = ? where id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant.name());
            statement.setString(2, tenant.status().wireName());
            statement.setInt(3, tenant.limits().maxConcurrentParticipants());
            statement.setInt(4, tenant.limits().maxRooms());
            statement.setInt(5, tenant.limits().requestsPerSecondPerKey());
            statement.setBoolean(6, tenant.autoCreateRooms());
            statement.setString(7, tenant.webhook().url());
            statement.setString(8, tenant.webhook().signingSecret());
            statement.setTimestamp(9, Timestamp.from(tenant.updatedAt()));
            statement.setString(10, tenant.id());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure("update tenant", e);
        }
    }

    public Optional<Tenant> findById(String id) {
        return queryOne("select " + COLUMNS + " from tenants where id = ?", id);
    }

    public Optional<Tenant> findByName(String name) {
        return queryOne("select " + COLUMNS + " from tenants where lower(name) = lower(?)", name);
    }

    /** Up to {@code limit} tenants with ids after {@code afterId} (null: from the start), by id. */
    public List<Tenant> page(String afterId, int limit) {
        String sql = "select " + COLUMNS + " from tenants where id > ? order by id limit ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, afterId == null ? "" : afterId);
            statement.setInt(2, limit);
            List<Tenant> tenants = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tenants.add(map(rows));
                }
            }
            return tenants;
        } catch (SQLException e) {
            throw new PersistenceFailure("list tenants", e);
        }
    }

    private Optional<Tenant> queryOne(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("find tenant", e);
        }
    }

    private static void bind(PreparedStatement statement, Tenant tenant) throws SQLException {
        statement.setString(1, tenant.id());
        statement.setString(2, tenant.name());
        statement.setString(3, tenant.status().wireName());
        statement.setInt(4, tenant.limits().maxConcurrentParticipants());
        statement.setInt(5, tenant.limits().maxRooms());
        statement.setInt(6, tenant.limits().requestsPerSecondPerKey());
        statement.setBoolean(7, tenant.autoCreateRooms());
        statement.setString(8, tenant.webhook().url());
        statement.setString(9, tenant.webhook().signingSecret());
        statement.setTimestamp(10, Timestamp.from(tenant.createdAt()));
        statement.setTimestamp(11, Timestamp.from(tenant.updatedAt()));
    }

    private static Tenant map(ResultSet row) throws SQLException {
        return new Tenant(
                row.getString("id"),
                row.getString("name"),
                TenantStatus.fromWireName(row.getString("status")),
                new TenantLimits(row.getInt("max_concurrent_participants"), row.getInt("max_rooms"),
                        row.getInt("requests_per_second_per_key")),
                row.getBoolean("auto_create_rooms"),
                new WebhookSettings(row.getString("webhook_url"), row.getString("webhook_secret")),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
