package io.cpaas.room.token.rest;

import java.time.Instant;

/** A minted room token and when it expires. */
public record RoomTokenView(String token, Instant expiresAt) {
}
