/**
 * Room tokens and join tickets: compact ES256 JWTs, the keys that sign them and the JWKS that publishes
 * those keys.
 *
 * <p>The customer's back end gets a room token from room-service ({@link io.cpaas.api.token.RoomTokenSigner},
 * audience {@code cpaas-room}); the SDK presents it to {@code POST /v1/rtc/join}, where room-service checks it
 * ({@link io.cpaas.api.token.RoomTokenVerifier#verifyRoomToken}) and answers with a join ticket bound to one
 * worker (audience {@code cpaas-worker:<id>}). The worker checks the ticket offline against the keys it
 * fetched from {@code /.well-known/jwks.json} ({@link io.cpaas.api.token.PublicKeySet}).
 */
package io.cpaas.api.token;
