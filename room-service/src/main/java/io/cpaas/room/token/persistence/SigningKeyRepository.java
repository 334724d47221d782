package io.cpaas.room.token.persistence;

import io.cpaas.api.token.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Rows of room.signing_keys. Callers own the transaction. */
@ApplicationScoped
public class SigningKeyRepository {

    private static final long ROTATION_LOCK = 0x63706161_73_6b6579L; // any constant shared by all instances

    private final DataSource dataSource;

    public SigningKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Serializes key creation and rotation across room-service instances until the transaction ends. */
    public void lockForRotation() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(" + ROTATION_LOCK + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("signing key lock failed", e);
        }
    }

    public void insert(SigningKey key, Instant createdAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "insert into signing_keys (kid, private_key, public_key, created_at) values (?, ?, ?, ?)")) {
            statement.setString(1, key.kid());
            statement.setBytes(2, key.privateKeyPkcs8());
            statement.setBytes(3, key.publicKeySpki());
            statement.setTimestamp(4, Timestamp.from(createdAt));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("insert signing key failed", e);
        }
    }

    /** Stops the current key signing at {@code at}; it stays published until {@code publishedUntil}. */
    public void retireCurrent(Instant at, Instant publishedUntil) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update signing_keys set signing_until = ?, published_until = ? where signing_until is null")) {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setTimestamp(2, Timestamp.from(publishedUntil));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retire signing key failed", e);
        }
    }

    /** Keys still published at {@code now}, the current signer first. */
    public List<StoredKey> published(Instant now) {
        String sql = "select kid, private_key, public_key, signing_until from signing_keys "
                + "where published_until is null or published_until > ? order by signing_until desc nulls first, created_at desc";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(now));
            List<StoredKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new StoredKey(SigningKey.fromEncoded(rows.getString(1), rows.getBytes(2), rows.getBytes(3)),
                            rows.getTimestamp(4) == null));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("load signing keys failed", e);
        }
    }

    /** A stored key and whether it is the one that signs now. */
    public record StoredKey(SigningKey key, boolean signing) {
    }
}
