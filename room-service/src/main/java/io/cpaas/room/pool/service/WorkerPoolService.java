package io.cpaas.room.pool.service;

import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.WorkerLoad;
import io.cpaas.room.pool.WorkerState;
import io.cpaas.room.pool.persistence.WorkerRepository;
import io.cpaas.room.pool.rest.WorkerRegistration;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.session.service.SessionRecorder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The SFU worker pool: registration, heartbeats, draining, deregistration, and noticing workers
 * that went silent (their rooms are released so the next join places them elsewhere).
 */
@ApplicationScoped
public class WorkerPoolService {

    private static final Logger LOG = Logger.getLogger(WorkerPoolService.class);

    private final WorkerRepository workers;
    private final RoomRepository rooms;
    private final ParticipantRepository participants;
    private final SessionRecorder sessions;
    private final Duration heartbeatInterval;
    private final Duration silenceLimit;
    private final Clock clock = Clock.systemUTC();

    public WorkerPoolService(WorkerRepository workers, RoomRepository rooms, ParticipantRepository participants,
                             SessionRecorder sessions, RoomServiceConfig config) {
        this.workers = workers;
        this.rooms = rooms;
        this.participants = participants;
        this.sessions = sessions;
        this.heartbeatInterval = config.pool().heartbeatInterval();
        this.silenceLimit = heartbeatInterval.multipliedBy(config.pool().missedHeartbeats());
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** Registers a worker; one that registers again has restarted, so whatever it hosted is released. */
    @Transactional
    public void register(WorkerRegistration registration) {
        Instant now = now();
        List<String> id = List.of(registration.id());
        rooms.releaseFromWorkers(id);
        sessions.participantsLeft(participants.leaveWorkers(id, now));
        workers.upsert(new Worker(registration.id(), registration.region(), registration.signalUrl(),
                registration.udpAddress(), registration.capacity().participants(), registration.capacity().tracks(),
                WorkerState.ACTIVE, now, now, WorkerLoad.idle(), 0, registration.controlUrl()));
        LOG.infof("worker %s registered (region %s, %d participants)", registration.id(), registration.region(),
                registration.capacity().participants());
    }

    /**
     * Records the load; with the worker's list of connected participants, confirms their joins and
     * marks the ones it no longer has as left. Answers the state and the participants the worker
     * should disconnect (their room ended or a newer session replaced them).
     */
    public Heartbeat heartbeat(String workerId, WorkerLoad load) {
        Instant now = now();
        // The worker's row in a transaction of its own, committed first: the heartbeat counts the moment
        // it arrives (a slow reconciliation cannot let any instance judge the worker silent meanwhile),
        // and the row is never held while rooms are locked, the order joins take (rooms, then workers).
        WorkerState state = QuarkusTransaction.requiringNew().call(() -> workers.heartbeat(workerId, load, now))
                .orElseThrow(() -> ProblemException.notFound(
                        "Worker " + workerId + " (register again: it was never registered, deregistered or declared unhealthy)"));
        if (load.participantSids() == null) {
            return new Heartbeat(state, List.of());
        }
        // Derived from the worker's whole list each time: one that fails is done by the next heartbeat.
        List<String> evict = QuarkusTransaction.requiringNew().call(() -> {
            ParticipantRepository.Reconciliation changes = participants.reconcile(workerId, load.participantSids(), now);
            changes.connected().forEach(sessions::participantConnected);
            sessions.participantsLeft(changes.departed());
            return changes.evict();
        });
        return new Heartbeat(state, evict);
    }

    /** A heartbeat's answer. */
    public record Heartbeat(WorkerState state, List<String> evict) {
    }

    @Transactional
    public void drain(String workerId) {
        Worker worker = workers.find(workerId).orElseThrow(() -> ProblemException.notFound("Worker " + workerId));
        if (worker.state() == WorkerState.ACTIVE) {
            workers.setState(workerId, WorkerState.DRAINING);
            LOG.infof("worker %s draining: no new rooms", workerId);
        }
    }

    @Transactional
    public void deregister(String workerId) {
        List<String> id = List.of(workerId);
        rooms.releaseFromWorkers(id);
        if (!workers.setState(workerId, WorkerState.GONE)) {
            throw ProblemException.notFound("Worker " + workerId);
        }
        sessions.participantsLeft(participants.leaveWorkers(id, now()));
        LOG.infof("worker %s deregistered", workerId);
    }

    /**
     * Declares silent workers unhealthy and releases their rooms; answers how many it declared. Any
     * instance may run it at the same time as another instance records one of those workers' heartbeats.
     */
    @Transactional
    public int detectFailures() {
        Instant now = now();
        Instant deadline = now.minus(silenceLimit);
        // Rooms before workers: the order joins take their locks in, so the two never deadlock.
        List<String> silent = workers.silentSince(deadline);
        if (silent.isEmpty()) {
            return 0;
        }
        int released = rooms.releaseFromWorkers(silent);
        List<String> marked = workers.markUnhealthy(silent, deadline);
        if (marked.size() < silent.size()) {
            // A heartbeat arrived while the rooms were being released: undo it all, judge again next tick.
            QuarkusTransaction.setRollbackOnly();
            LOG.debugf("workers %s were heard from while being judged silent; judging again", silent);
            return 0;
        }
        sessions.participantsLeft(participants.leaveWorkers(silent, now));
        LOG.warnf("workers %s missed their heartbeats: unhealthy, %d rooms released", silent, released);
        return silent.size();
    }

    public List<Worker> all() {
        return workers.all();
    }

    /** How long a worker may stay silent before it is declared unhealthy. */
    public Duration silenceLimit() {
        return silenceLimit;
    }

    /** Workers heard from after this instant count as healthy. */
    public Instant healthySince() {
        return now().minus(silenceLimit);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
