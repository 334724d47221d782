package io.cpaas.room.tenant.service;

import io.cpaas.room.tenant.persistence.TenantLiveCounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps the live-count rows of each tenant few: every database session that ever counted a join
 * has a row, and sessions end (pool resizing, restarts, PostgreSQL restarts).
 */
@ApplicationScoped
public class LiveCountFolding {

    private static final Logger LOG = Logger.getLogger(LiveCountFolding.class);

    private final TenantLiveCounts counts;

    public LiveCountFolding(TenantLiveCounts counts) {
        this.counts = counts;
    }

    @Scheduled(every = "10m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void foldEndedSessions() {
        try {
            int folded = QuarkusTransaction.requiringNew().call(counts::foldEndedSessions);
            LOG.debugf("folded the live counts of %d ended database sessions", folded);
        } catch (RuntimeException e) {
            LOG.warnf("folding live counts failed, will retry: %s", e.getMessage());
        }
    }
}
