package io.cpaas.room.pool.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.WorkerState;
import io.cpaas.room.pool.persistence.WorkerRepository;
import io.cpaas.room.room.Room;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.session.service.SessionRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides which worker hosts a room. A room keeps its worker while that worker is alive (active or
 * draining); otherwise the best active worker takes it (see {@link WorkerRepository#best}). Callers
 * hold the room's row lock, so two joins racing for one room get the same answer.
 */
@ApplicationScoped
public class RoomAllocator {

    private static final Logger LOG = Logger.getLogger(RoomAllocator.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final WorkerRepository workers;
    private final RoomRepository rooms;
    private final WorkerPoolService pool;
    private final SessionRecorder sessions;

    public RoomAllocator(WorkerRepository workers, RoomRepository rooms, WorkerPoolService pool, SessionRecorder sessions) {
        this.workers = workers;
        this.rooms = rooms;
        this.pool = pool;
        this.sessions = sessions;
    }

    /** The worker hosting a locked room (a broadcast's origin), placing the room when needed; reserves nothing. */
    public Worker host(Room lockedRoom, Instant now) {
        Instant healthySince = pool.healthySince();
        Optional<Worker> current = Optional.ofNullable(lockedRoom.workerId()).flatMap(workers::find)
                .filter(w -> (w.state() == WorkerState.ACTIVE || w.state() == WorkerState.DRAINING)
                        && w.lastHeartbeatAt().isAfter(healthySince));
        Worker worker = current.orElseGet(() -> workers.best(lockedRoom.region(), healthySince)
                .orElseThrow(RoomAllocator::noCapacity));
        if (current.isEmpty() || lockedRoom.startedAt() == null) {
            rooms.place(lockedRoom.id(), worker.id(), now).ifPresent(sessions::roomStarted);
        }
        return worker;
    }

    /**
     * Counts a participant on its way to {@code worker} until the worker's next heartbeat reports it,
     * so that rooms placed meanwhile see the load. Call it after the join committed, holding no row:
     * the worker's row is shared by every join on it, and waiting for it while holding a room could
     * close a cycle with a transaction that holds the worker and then wants that room (none does
     * today; heartbeats did until they committed their worker's row first), a cycle PostgreSQL cannot
     * see, as the two waits are on different connections. A join answered though this failed only
     * leaves the load to that heartbeat.
     */
    public void reserve(Worker worker) {
        try {
            workers.reserveParticipant(worker.id());
        } catch (RuntimeException e) {
            LOG.warnf("could not count a participant on its way to worker %s (its next heartbeat will): %s",
                    worker.id(), e.getMessage());
        }
    }

    static ProblemException noCapacity() {
        return new ProblemException(Problem.of(ProblemType.UNAVAILABLE,
                "No media worker can take this room right now; retry after the delay in Retry-After"), RETRY_AFTER);
    }
}
