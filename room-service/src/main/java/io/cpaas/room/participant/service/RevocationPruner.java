package io.cpaas.room.participant.service;

import io.cpaas.room.participant.persistence.RevokedTokenRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Forgets revocations of room tokens that have expired: the join refuses those anyway. */
@ApplicationScoped
public class RevocationPruner {

    private static final Logger LOG = Logger.getLogger(RevocationPruner.class);
    /** Tokens are accepted up to 30 s past exp (clock skew); keep their revocations a little longer. */
    private static final java.time.Duration EXPIRY_SKEW = java.time.Duration.ofMinutes(1);

    private final RevokedTokenRepository revokedTokens;

    public RevocationPruner(RevokedTokenRepository revokedTokens) {
        this.revokedTokens = revokedTokens;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneExpired() {
        try {
            int pruned = QuarkusTransaction.requiringNew().call(() -> revokedTokens.pruneExpired(Instant.now().minus(EXPIRY_SKEW)));
            LOG.debugf("forgot %d expired token revocations", pruned);
        } catch (RuntimeException e) {
            LOG.warnf("pruning token revocations failed, will retry: %s", e.getMessage());
        }
    }
}
