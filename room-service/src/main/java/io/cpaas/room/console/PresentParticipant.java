package io.cpaas.room.console;

import java.time.Instant;

/** A participant of a live room as room-service's records have it (the worker's own view adds tracks). */
public record PresentParticipant(String sid, String identity, String name, Instant joinedAt, Instant connectedAt) {
}
