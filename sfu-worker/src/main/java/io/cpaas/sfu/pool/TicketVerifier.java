package io.cpaas.sfu.pool;

import io.cpaas.api.token.InvalidTokenException;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.api.token.PublicKeySet;
import io.cpaas.api.token.RoomTokenVerifier;
import io.cpaas.sfu.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Checks join tickets offline against room-service's JWKS. The key set is fetched once and again
 * when a ticket names a key we do not have (a rotation), at most every few seconds.
 */
@ApplicationScoped
public class TicketVerifier {

    private static final Logger LOG = Logger.getLogger(TicketVerifier.class);
    private static final long MIN_REFETCH_NANOS = 5_000_000_000L;

    private final RoomServiceClient roomService;
    private final String workerId;
    private volatile PublicKeySet keys = new PublicKeySet(java.util.Map.of());
    private volatile long fetchedAt = System.nanoTime() - MIN_REFETCH_NANOS;

    public TicketVerifier(RoomServiceClient roomService, WorkerConfig config) {
        this.roomService = roomService;
        this.workerId = config.id();
    }

    public JoinTicketClaims verify(String ticket) {
        try {
            return new RoomTokenVerifier(keys, Clock.systemUTC()).verifyJoinTicket(ticket, workerId);
        } catch (InvalidTokenException e) {
            if (e.reason() != InvalidTokenException.Reason.UNKNOWN_KEY || !refetch()) {
                throw e;
            }
            return new RoomTokenVerifier(keys, Clock.systemUTC()).verifyJoinTicket(ticket, workerId);
        }
    }

    private synchronized boolean refetch() {
        if (System.nanoTime() - fetchedAt < MIN_REFETCH_NANOS) {
            return false;
        }
        fetchedAt = System.nanoTime();
        try {
            keys = PublicKeySet.fromJwksJson(roomService.jwks());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("could not fetch room-service's JWKS: %s", e.getMessage());
            return false;
        }
    }
}
