package io.cpaas.room.token.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.RoomTokenClaims;
import io.cpaas.api.token.TrackSource;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.room.Room;
import io.cpaas.room.token.rest.RoomTokenRequest;
import io.cpaas.room.token.rest.RoomTokenView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Mints room tokens. No database work: minting must stay cheap at thousands per second. */
@ApplicationScoped
public class RoomTokenService {

    private final SigningKeyStore keys;
    private final Duration defaultTtl;
    private final Clock clock = Clock.systemUTC();

    public RoomTokenService(SigningKeyStore keys, RoomServiceConfig config) {
        this.keys = keys;
        this.defaultTtl = config.tokens().defaultTtl();
    }

    public RoomTokenView mint(String tenantId, String room, RoomTokenRequest request) {
        if (room == null || !room.matches(Room.NAME_PATTERN)) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "The room name in the path is not valid")
                    .withErrors(List.of(new Problem.FieldError("room", "must be 1-128 of A-Z a-z 0-9 . _ - starting with a letter or digit"))), null);
        }
        Duration ttl = request.ttl() == null ? defaultTtl : Duration.ofSeconds(request.ttl());
        RoomTokenClaims claims = RoomTokenClaims.issue(tenantId, room, request.identity(), request.name(), request.metadata(),
                grants(request.grants()), Instant.now(clock), ttl);
        try {
            return new RoomTokenView(keys.signer().sign(claims), claims.expiresAt());
        } catch (IllegalArgumentException tooLarge) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, tooLarge.getMessage())
                    .withErrors(List.of(new Problem.FieldError("metadata", "the token would exceed 8 KiB; shorten metadata or name"))), null);
        }
    }

    private static RoomGrants grants(RoomTokenRequest.Grants requested) {
        if (requested == null) {
            return RoomGrants.standard();
        }
        Set<TrackSource> sources = EnumSet.allOf(TrackSource.class);
        if (requested.sources() != null) {
            sources = EnumSet.noneOf(TrackSource.class);
            for (String name : requested.sources()) {
                sources.add(TrackSource.fromWireName(name).orElseThrow());
            }
        }
        return new RoomGrants(orDefault(requested.publish(), true), orDefault(requested.subscribe(), true),
                orDefault(requested.publishData(), true), sources, orDefault(requested.hidden(), false),
                orDefault(requested.roomAdmin(), false));
    }

    private static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
