package io.cpaas.room.turn.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.turn.IceServer;
import io.cpaas.api.turn.TurnCredentialIssuer;
import io.cpaas.api.turn.TurnCredentials;
import io.cpaas.api.turn.TurnServerAddresses;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.usage.persistence.UsageLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Short-lived TURN credentials for the configured coturn (TURN REST API scheme). Without
 * configured secrets the platform runs without TURN: joins then carry STUN only.
 */
@ApplicationScoped
public class TurnService {

    private static final Logger LOG = Logger.getLogger(TurnService.class);

    private final TurnCredentialIssuer issuer;
    private final List<IceServer> stunOnly;
    private final Duration defaultTtl;
    private final UsageLedger usage;

    public TurnService(RoomServiceConfig config, UsageLedger usage) {
        this.usage = usage;
        RoomServiceConfig.Turn turn = config.turn();
        TurnServerAddresses addresses = turn.tlsPort().isPresent()
                ? TurnServerAddresses.withTls(turn.host(), turn.port(), turn.tlsPort().get())
                : TurnServerAddresses.withoutTls(turn.host(), turn.port());
        List<String> secrets = turn.secrets().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        this.issuer = secrets.isEmpty() ? null : new TurnCredentialIssuer(secrets, addresses, Clock.systemUTC());
        this.stunOnly = List.of(IceServer.stun(addresses.urls().stream().filter(url -> url.startsWith("stun:")).toList()));
        this.defaultTtl = turn.defaultTtl();
        if (issuer == null) {
            LOG.warn("cpaas.turn.secrets is empty: no TURN credentials will be issued, clients behind strict NATs cannot connect");
        }
    }

    public TurnCredentials issue(String tenantId, String identity, Duration ttl) {
        if (issuer == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "This deployment has no TURN server configured");
        }
        try {
            TurnCredentials credentials = issuer.issue(tenantId, identity, ttl == null ? defaultTtl : ttl);
            usage.countTurnCredentials(tenantId, Instant.now(), 1);
            return credentials;
        } catch (IllegalArgumentException refused) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, refused.getMessage())
                    .withErrors(List.of(new Problem.FieldError("identity", refused.getMessage()))), null);
        }
    }

    /** ICE servers for a participant: STUN plus TURN with fresh credentials when TURN is configured. */
    public List<IceServer> iceServers(String tenantId, String identity) {
        if (issuer == null) {
            return stunOnly;
        }
        try {
            List<IceServer> servers = issuer.issue(tenantId, identity, defaultTtl).iceServers();
            usage.countTurnCredentials(tenantId, Instant.now(), 1);
            return servers;
        } catch (IllegalArgumentException refused) {
            // An identity coturn would refuse (room tokens minted elsewhere): STUN still works.
            return stunOnly;
        }
    }
}
