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
 * when a ticket names a key we do not have (a rotation): at most every few seconds after a fetch
 * that worked, but soon again after one that failed (room-service slow or restarting), so one failed
 * fetch does not refuse every join for seconds.
 */
@ApplicationScoped
public class TicketVerifier {

    private static final Logger LOG = Logger.getLogger(TicketVerifier.class);
    private static final long MIN_REFETCH_NANOS = 5_000_000_000L;
    private static final long RETRY_AFTER_FAILURE_NANOS = 250_000_000L;

    private final RoomServiceClient roomService;
    private final String workerId;
    private volatile PublicKeySet keys = new PublicKeySet(java.util.Map.of());
    private volatile long nextFetchAllowedAt = System.nanoTime();

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
        long now = System.nanoTime();
        if (now - nextFetchAllowedAt < 0) {
            return false;
        }
        try {
            keys = PublicKeySet.fromJwksJson(roomService.jwks());
            nextFetchAllowedAt = System.nanoTime() + MIN_REFETCH_NANOS;
            return true;
        } catch (IOException | IllegalArgumentException e) {
            nextFetchAllowedAt = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
            LOG.warnf("could not fetch room-service's JWKS: %s", e.getMessage());
            return false;
        }
    }
}
