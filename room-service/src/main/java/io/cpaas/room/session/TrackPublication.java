package io.cpaas.room.session;

import java.time.Instant;

/** A track a participant published during its session; {@code unpublishedAt} is null while it is published. */
public record TrackPublication(String participantSid, String sid, String kind, String source, Instant publishedAt,
                               Instant unpublishedAt) {
}
