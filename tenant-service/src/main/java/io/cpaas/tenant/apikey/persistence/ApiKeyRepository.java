package io.cpaas.tenant.apikey.persistence;

import io.cpaas.api.auth.Scope;
import io.cpaas.tenant.apikey.ApiKey;
import io.cpaas.tenant.persistence.PersistenceFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Rows of tenant.api_keys. Callers own the transaction. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS =
            "id, tenant_id, name, scopes, secret_hash, created_at, last_used_at, expires_at, revoked_at";

    private final DataSource dataSource;

    public ApiKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(ApiKey key) {
        String sql = "insert into api_keys (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.id());
            statement.setString(2, key.tenantId());
            statement.setString(3, key.name());
            statement.setArray(4, connection.createArrayOf("text",
                    key.scopes().stream().map(Scope::wireName).sorted().toArray()));
            statement.setBytes(5, key.secretHash());
            statement.setTimestamp(6, Timestamp.from(key.createdAt()));
            statement.setTimestamp(7, timestamp(key.lastUsedAt()));
            statement.setTimestamp(8, timestamp(key.expiresAt()));
            statement.setTimestamp(9, timestamp(key.revokedAt()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure("insert API key", e);
        }
    }

    public Optional<ApiKey> findById(String keyId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select " + COLUMNS + " from api_keys where id = ?")) {
            statement.setString(1, keyId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("find API key", e);
        }
    }

    public List<ApiKey> page(String tenantId, String afterId, int limit) {
        String sql = "select " + COLUMNS + " from api_keys where tenant_id = ? and id > ? order by id limit ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenantId);
            statement.setString(2, afterId == null ? "" : afterId);
            statement.setInt(3, limit);
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(map(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new PersistenceFailure("list API keys", e);
        }
    }

    /** Marks the key revoked; false when it does not belong to the tenant or was revoked already. */
    public boolean revoke(String tenantId, String keyId, Instant at) {
        String sql = "update api_keys set revoked_at = ? where id = ? and tenant_id = ? and revoked_at is null";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, keyId);
            statement.setString(3, tenantId);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceFailure("revoke API key", e);
        }
    }

    /** Writes last-used times in one statement; older values never overwrite newer ones. */
    public void recordLastUsed(Map<String, Instant> lastUsedByKey) {
        String sql = "update api_keys set last_used_at = greatest(coalesce(last_used_at, ?), ?) where id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<String, Instant> entry : lastUsedByKey.entrySet()) {
                Timestamp at = Timestamp.from(entry.getValue());
                statement.setTimestamp(1, at);
                statement.setTimestamp(2, at);
                statement.setString(3, entry.getKey());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceFailure("record API key use", e);
        }
    }

    private static ApiKey map(ResultSet row) throws SQLException {
        Array scopesArray = row.getArray("scopes");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object name : (Object[]) scopesArray.getArray()) {
            Scope.fromWireName((String) name).ifPresent(scopes::add);
        }
        return new ApiKey(row.getString("id"), row.getString("tenant_id"), row.getString("name"), scopes,
                row.getBytes("secret_hash"), instant(row, "created_at"), instant(row, "last_used_at"),
                instant(row, "expires_at"), instant(row, "revoked_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
