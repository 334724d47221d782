package io.cpaas.api.token;

import static io.cpaas.api.token.TokenFormat.requireText;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a room token says: who ({@code identity}, display {@code name}, opaque {@code metadata}) may
 * join which room of which tenant, with which grants, and when. Minted by room-service for the
 * customer's back end; presented by the SDK to {@code POST /v1/rtc/join}. {@code name} and
 * {@code metadata} may be null.
 */
public record RoomTokenClaims(String tenantId, String room, String identity, String name, String metadata,
                              RoomGrants grants, Instant issuedAt, Instant notBefore, Instant expiresAt,
                              String tokenId) {

    public RoomTokenClaims {
        requireText(tenantId, "tenantId");
        requireText(room, "room");
        requireText(identity, "identity");
        requireText(tokenId, "tokenId");
        Objects.requireNonNull(grants, "grants");
        // JWT times are whole seconds; truncating here makes a signed-then-verified token equal its claims.
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
        notBefore = Objects.requireNonNull(notBefore, "notBefore").truncatedTo(ChronoUnit.SECONDS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt) || !expiresAt.isAfter(notBefore)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt and notBefore");
        }
    }

    /** Claims valid from {@code now} for {@code ttl}, with a fresh random token id. */
    public static RoomTokenClaims issue(String tenantId, String room, String identity, String name, String metadata,
                                        RoomGrants grants, Instant now, Duration ttl) {
        return new RoomTokenClaims(tenantId, room, identity, name, metadata, grants, now, now, now.plus(ttl),
                TokenFormat.randomId());
    }
}
