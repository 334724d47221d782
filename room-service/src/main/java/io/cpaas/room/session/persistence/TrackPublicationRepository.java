package io.cpaas.room.session.persistence;

import io.cpaas.room.session.TrackPublication;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Rows of room.published_tracks. Callers own the transaction. */
@ApplicationScoped
public class TrackPublicationRepository {

    private static final String COLUMNS = "participant_sid, sid, kind, source, published_at, unpublished_at";

    private final DataSource dataSource;

    public TrackPublicationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a publication; answers it when it is news (a repeated report answers empty). */
    public Optional<TrackPublication> publish(String participantSid, String sid, String kind, String source, Instant at) {
        return query("insert into published_tracks (participant_sid, sid, kind, source, published_at) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing returning " + COLUMNS, participantSid, sid, kind, source, at).stream().findFirst();
    }

    public Optional<TrackPublication> unpublish(String participantSid, String sid, Instant at) {
        return query("update published_tracks set unpublished_at = greatest(?::timestamptz, published_at) "
                + "where participant_sid = ? and sid = ? and unpublished_at is null returning " + COLUMNS, at, participantSid, sid)
                .stream().findFirst();
    }

    /** Ends every publication of the participant still open: it left. */
    public List<TrackPublication> unpublishAll(String participantSid, Instant at) {
        return query("update published_tracks set unpublished_at = greatest(?::timestamptz, published_at) "
                + "where participant_sid = ? and unpublished_at is null returning " + COLUMNS, at, participantSid);
    }

    /** The publications of the given participants, oldest first. */
    public List<TrackPublication> of(List<String> participantSids) {
        if (participantSids.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select " + COLUMNS + " from published_tracks "
                     + "where participant_sid = any (?) order by published_at, sid")) {
            statement.setArray(1, connection.createArrayOf("text", participantSids.toArray()));
            return read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("published tracks query failed", e);
        }
    }

    private List<TrackPublication> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else {
                    statement.setString(i + 1, (String) parameters[i]);
                }
            }
            return read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("published tracks update failed", e);
        }
    }

    private static List<TrackPublication> read(PreparedStatement statement) throws SQLException {
        List<TrackPublication> tracks = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Timestamp unpublished = rows.getTimestamp("unpublished_at");
                tracks.add(new TrackPublication(rows.getString("participant_sid"), rows.getString("sid"), rows.getString("kind"),
                        rows.getString("source"), rows.getTimestamp("published_at").toInstant(),
                        unpublished == null ? null : unpublished.toInstant()));
            }
        }
        return tracks;
    }
}
