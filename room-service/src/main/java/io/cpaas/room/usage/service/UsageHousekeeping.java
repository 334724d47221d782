package io.cpaas.room.usage.service;

import io.cpaas.room.events.persistence.WorkerEventRepository;
import io.cpaas.room.usage.persistence.UsageLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Samples each tenant's connected participants into the current hour's peak (an hour in which
 * nobody joins still has the peak of those who stayed), and forgets event ids too old to be resent.
 */
@ApplicationScoped
public class UsageHousekeeping {

    private static final Logger LOG = Logger.getLogger(UsageHousekeeping.class);
    static final Duration EVENT_ID_RETENTION = Duration.ofDays(7);

    private final UsageLedger ledger;
    private final WorkerEventRepository events;

    public UsageHousekeeping(UsageLedger ledger, WorkerEventRepository events) {
        this.ledger = ledger;
        this.events = events;
    }

    @Scheduled(every = "30s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void samplePeaks() {
        try {
            QuarkusTransaction.requiringNew().run(() -> ledger.samplePeaks(Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("sampling peaks failed, will retry: %s", e.getMessage());
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldEventIds() {
        try {
            int forgotten = QuarkusTransaction.requiringNew().call(() -> events.forgetBefore(Instant.now().minus(EVENT_ID_RETENTION)));
            LOG.debugf("forgot %d event ids older than %s", forgotten, EVENT_ID_RETENTION);
        } catch (RuntimeException e) {
            LOG.warnf("pruning event ids failed, will retry: %s", e.getMessage());
        }
    }
}
