package io.cpaas.api.token;

import static io.cpaas.api.token.TokenFormat.requireText;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a join ticket says: room-service has placed this participant on {@code workerId} and the worker
 * may let it in. Short-lived and bound to one worker (its audience), so a ticket for one worker is
 * worthless on another. {@code participantSid}, {@code name} and {@code metadata} may be null.
 */
public record JoinTicketClaims(String tenantId, String room, String identity, String workerId,
                               String participantSid, RoomGrants grants, String name, String metadata,
                               Instant issuedAt, Instant expiresAt, String ticketId) {

    public JoinTicketClaims {
        requireText(tenantId, "tenantId");
        requireText(room, "room");
        requireText(identity, "identity");
        requireText(workerId, "workerId");
        requireText(ticketId, "ticketId");
        Objects.requireNonNull(grants, "grants");
        // JWT times are whole seconds; truncating here makes a signed-then-verified ticket equal its claims.
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /** A ticket for the participant a verified room token describes, valid from {@code now} for {@code ttl}. */
    public static JoinTicketClaims admit(RoomTokenClaims roomToken, String workerId, String participantSid,
                                         Instant now, Duration ttl) {
        return new JoinTicketClaims(roomToken.tenantId(), roomToken.room(), roomToken.identity(), workerId,
                participantSid, roomToken.grants(), roomToken.name(), roomToken.metadata(), now, now.plus(ttl),
                TokenFormat.randomId());
    }
}
