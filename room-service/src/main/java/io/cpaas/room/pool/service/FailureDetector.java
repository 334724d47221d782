package io.cpaas.room.pool.service;

import io.cpaas.room.pool.persistence.WorkerRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Once a second: declares silent workers unhealthy (see {@link WorkerPoolService#detectFailures})
 * and refreshes the pool gauges on /q/metrics, the signal the worker autoscaler reads. Every
 * room-service instance runs it; the updates are idempotent.
 *
 * <p>Silence only counts while this instance could have heard the heartbeats: after it starts, or
 * after the database was unreachable, it waits one silence limit before judging anyone. Without
 * that, restarting room-service (or PostgreSQL) for longer than the limit would declare every
 * worker dead at the first tick, and the workers would close their calls on the next heartbeat.
 */
@ApplicationScoped
public class FailureDetector {

    private static final Logger LOG = Logger.getLogger(FailureDetector.class);

    private final WorkerPoolService pool;
    private final WorkerRepository workers;
    // null until a check reached the database; ticks never overlap but may run on different scheduler threads
    private volatile Instant listeningSince;
    private final AtomicReference<WorkerRepository.PoolTotals> totals =
            new AtomicReference<>(new WorkerRepository.PoolTotals(0, 0, 0, 0, 0, 0));

    public FailureDetector(WorkerPoolService pool, WorkerRepository workers, MeterRegistry registry) {
        this.pool = pool;
        this.workers = workers;
        Gauge.builder("cpaas_pool_workers", () -> totals.get().active()).tag("state", "active")
                .description("Workers taking new rooms").register(registry);
        Gauge.builder("cpaas_pool_workers", () -> totals.get().draining()).tag("state", "draining")
                .description("Workers finishing their rooms").register(registry);
        Gauge.builder("cpaas_pool_workers", () -> totals.get().unhealthy()).tag("state", "unhealthy")
                .description("Workers that missed their heartbeats").register(registry);
        Gauge.builder("cpaas_pool_participants", () -> totals.get().participants())
                .description("Participants on active and draining workers").register(registry);
        Gauge.builder("cpaas_pool_utilization", () -> totals.get().utilization())
                .description("Share of active workers' participant capacity in use (1 when there is none)")
                .register(registry);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void tick() {
        try {
            Instant now = Instant.now();
            if (listeningSince == null) {
                listeningSince = now;
                LOG.debugf("listening to heartbeats; judging silence from %s", now.plus(pool.silenceLimit()));
            }
            if (!now.isBefore(listeningSince.plus(pool.silenceLimit()))) {
                pool.detectFailures();
            }
            totals.set(workers.totals());
        } catch (RuntimeException e) {
            listeningSince = null; // heartbeats cannot be recorded either: their silence proves nothing
            LOG.warnf("pool check failed, will retry: %s", e.getMessage());
        }
    }
}
