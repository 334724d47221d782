package io.cpaas.room.tenant.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Each tenant's live rooms and not-yet-left participant rows, as the triggers of room.rooms and
 * room.participants keep them in room.tenant_live_counts (one row per database session; see the
 * V7 migration). Reading one is a sum over a few rows, whatever the tenant's size.
 */
@ApplicationScoped
public class TenantLiveCounts {

    private final DataSource dataSource;

    public TenantLiveCounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rooms not ended: exactly what the tenant's room limit counts. */
    public long rooms(String tenantId) {
        return sum("rooms", tenantId);
    }

    /**
     * Participant rows not left. A reservation that lapsed without connecting is still such a row, so
     * this is never below the participants that the tenant's limit counts: a bound, exact when no
     * reservation has lapsed.
     */
    public long participantsNotLeft(String tenantId) {
        return sum("participants", tenantId);
    }

    /** Moves the rows of database sessions that have ended into row 0 of their tenant; returns how many. */
    public int foldEndedSessions() {
        String sql = "with ended as (delete from tenant_live_counts c where backend_pid <> 0 and not exists "
                + "(select 1 from pg_stat_activity a where a.pid = c.backend_pid) returning tenant_id, rooms, participants), "
                + "folded as (insert into tenant_live_counts as c (tenant_id, backend_pid, rooms, participants) "
                + "select tenant_id, 0, sum(rooms), sum(participants) from ended group by tenant_id "
                + "on conflict (tenant_id, backend_pid) do update set rooms = c.rooms + excluded.rooms, "
                + "participants = c.participants + excluded.participants) "
                + "select count(*) from ended";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("folding live counts failed", e);
        }
    }

    private long sum(String column, String tenantId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select coalesce(sum(" + column + "), 0) from tenant_live_counts where tenant_id = ?")) {
            statement.setString(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the live " + column + " of a tenant failed", e);
        }
    }
}
