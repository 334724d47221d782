package io.cpaas.room.usage.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one transaction adds to the hourly usage ledger, kept until its end and then written in one batch
 * in (tenant, hour) order. Two transactions that add to the same rows therefore lock them in the same
 * order and never deadlock: written as they came, one transaction's spans could lock 11:00 then 10:00
 * while another's locked 10:00 then 11:00 (participants leaving together across an hour boundary did).
 */
final class PendingUsage {

    private static final String UPSERT = "insert into usage_hourly "
            + "(tenant_id, hour, participant_millis, room_millis, peak_participants, bytes_in, bytes_out) values (?, ?, ?, ?, ?, ?, ?) "
            + "on conflict (tenant_id, hour) do update set "
            + "participant_millis = usage_hourly.participant_millis + excluded.participant_millis, "
            + "room_millis = usage_hourly.room_millis + excluded.room_millis, "
            + "peak_participants = greatest(usage_hourly.peak_participants, excluded.peak_participants), "
            + "bytes_in = usage_hourly.bytes_in + excluded.bytes_in, "
            + "bytes_out = usage_hourly.bytes_out + excluded.bytes_out";

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::tenantId).thenComparing(Key::hour);

    private final Map<Key, Row> rows = new TreeMap<>(ORDER);

    void addParticipantMillis(String tenantId, Instant hour, long millis) {
        row(tenantId, hour).participantMillis += millis;
    }

    void addRoomMillis(String tenantId, Instant hour, long millis) {
        row(tenantId, hour).roomMillis += millis;
    }

    void raisePeak(String tenantId, Instant hour, int connected) {
        Row row = row(tenantId, hour);
        row.peakParticipants = Math.max(row.peakParticipants, connected);
    }

    void addTraffic(String tenantId, Instant hour, long bytesIn, long bytesOut) {
        Row row = row(tenantId, hour);
        row.bytesIn += bytesIn;
        row.bytesOut += bytesOut;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Writes every row, in order, on {@code connection}; what was added is then gone. */
    void write(Connection connection) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            for (Map.Entry<Key, Row> entry : rows.entrySet()) {
                Row row = entry.getValue();
                statement.setString(1, entry.getKey().tenantId());
                statement.setTimestamp(2, Timestamp.from(entry.getKey().hour()));
                statement.setLong(3, row.participantMillis);
                statement.setLong(4, row.roomMillis);
                statement.setInt(5, row.peakParticipants);
                statement.setLong(6, row.bytesIn);
                statement.setLong(7, row.bytesOut);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        rows.clear();
    }

    private Row row(String tenantId, Instant hour) {
        return rows.computeIfAbsent(new Key(tenantId, hour), key -> new Row());
    }

    private record Key(String tenantId, Instant hour) {
    }

    private static final class Row {
        long participantMillis;
        long roomMillis;
        int peakParticipants;
        long bytesIn;
        long bytesOut;
    }
}
