package io.cpaas.room.participant.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Rows of room.revoked_room_tokens: room tokens /v1/rtc/join refuses until they expire. Callers own the transaction. */
@ApplicationScoped
public class RevokedTokenRepository {

    private final DataSource dataSource;

    public RevokedTokenRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Revokes the token; true when this call did (false: it was revoked already). */
    public boolean revoke(String tokenId, String tenantId, Instant expiresAt, Instant now) {
        return update("insert into revoked_room_tokens (token_id, tenant_id, expires_at, revoked_at) values (?, ?, ?, ?) "
                + "on conflict (token_id) do nothing", tokenId, tenantId, expiresAt, now) == 1;
    }

    /** Takes back a revocation this request made, when the removal it was for did not happen. */
    public void unrevoke(String tokenId) {
        update("delete from revoked_room_tokens where token_id = ?", tokenId);
    }

    public boolean isRevoked(String tokenId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select 1 from revoked_room_tokens where token_id = ?")) {
            statement.setString(1, tokenId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("revocation lookup failed", e);
        }
    }

    /** Forgets revocations of tokens that have expired anyway; answers how many. */
    public int pruneExpired(Instant now) {
        return update("delete from revoked_room_tokens where expires_at < ?", now);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else {
                    statement.setString(i + 1, (String) parameters[i]);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("revocation update failed", e);
        }
    }
}
