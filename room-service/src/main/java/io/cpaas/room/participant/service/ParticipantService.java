package io.cpaas.room.participant.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.participant.LiveParticipant;
import io.cpaas.room.participant.persistence.RevokedTokenRepository;
import io.cpaas.room.participant.rest.MuteRequest;
import io.cpaas.room.participant.rest.ParticipantUpdateRequest;
import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.WorkerState;
import io.cpaas.room.pool.client.WorkerControlClient;
import io.cpaas.room.pool.persistence.RoomEdgeRepository;
import io.cpaas.room.pool.persistence.WorkerRepository;
import io.cpaas.room.room.Room;
import io.cpaas.room.room.service.RoomService;
import io.cpaas.room.session.service.SessionRecorder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Participant control for a tenant's back end: the live participants of a room come from the worker
 * hosting it, and removing, muting or changing one is done there, at once. What room-service keeps
 * (sessions, revoked tokens) follows in its own transactions; a revocation is written before the
 * worker disconnects the participant, so that its client cannot slip back in with the same token.
 */
@ApplicationScoped
public class ParticipantService {

    private final RoomService rooms;
    private final WorkerRepository workers;
    private final WorkerControlClient control;
    private final ParticipantRepository participants;
    private final RevokedTokenRepository revokedTokens;
    private final SessionRecorder sessions;
    private final RoomEdgeRepository edges;

    public ParticipantService(RoomService rooms, WorkerRepository workers, WorkerControlClient control,
                              ParticipantRepository participants, RevokedTokenRepository revokedTokens, SessionRecorder sessions,
                              RoomEdgeRepository edges) {
        this.edges = edges;
        this.rooms = rooms;
        this.workers = workers;
        this.control = control;
        this.participants = participants;
        this.revokedTokens = revokedTokens;
        this.sessions = sessions;
    }

    /**
     * Who is connected to the room now, hidden participants included, on every worker of the room
     * (a broadcast's origin and edges), in order of joining; empty for a live room nobody is in.
     */
    public List<LiveParticipant> list(String tenantId, String roomName) {
        Room room = rooms.get(tenantId, roomName);
        Map<String, LiveParticipant> bySid = new LinkedHashMap<>();
        for (Worker worker : hosts(room)) {
            control.participants(worker, tenantId, room.name()).forEach(p -> bySid.putIfAbsent(p.sid(), p));
        }
        return bySid.values().stream().sorted(java.util.Comparator.comparing(LiveParticipant::joinedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))).toList();
    }

    /**
     * Disconnects the participant now; with {@code revokeToken} the room token that admitted it can
     * no longer join. A participant that holds a join but has not reached the worker yet is removed
     * too (the worker drops it on its next heartbeat if it arrives).
     */
    public void remove(String tenantId, String roomName, String identity, boolean revokeToken) {
        Room room = rooms.get(tenantId, roomName);
        Optional<ParticipantRepository.Admission> admission = participants.liveAdmission(room.id(), identity);
        String revoked = null;
        if (revokeToken && admission.isPresent()) {
            ParticipantRepository.Admission admitted = admission.get();
            if (admitted.tokenId() == null) {
                throw new ProblemException(ProblemType.CONFLICT, "The token that admitted " + identity
                        + " is not known (it joined before this version); remove it without revokeToken");
            }
            Instant now = now();
            if (QuarkusTransaction.requiringNew().call(() -> revokedTokens.revoke(admitted.tokenId(), tenantId,
                    admitted.tokenExpiresAt(), now))) {
                revoked = admitted.tokenId();
            }
        }
        boolean removedOnWorker;
        try {
            removedOnWorker = removeOnWorker(room, identity);
        } catch (RuntimeException failed) {
            undo(revoked);
            throw failed;
        }
        if (!removedOnWorker && admission.isEmpty()) {
            undo(revoked);
            throw participantNotFound(identity, room);
        }
        Instant now = now();
        QuarkusTransaction.requiringNew().run(() -> sessions.participantsLeft(
                participants.leaveIdentity(room.id(), identity, now, "removed")));
    }

    /** Server mute: the worker stops (or resumes) forwarding the track; answers the track as the room now sees it. */
    public LiveParticipant.Track mute(String tenantId, String roomName, String identity, MuteRequest request) {
        Room room = rooms.get(tenantId, roomName);
        return onHost(room, identity, worker -> control.mute(worker, tenantId, room.name(), identity, request.trackSid(), request.muted()));
    }

    /** Changes name, metadata or permissions live; answers the participant after the change. */
    public LiveParticipant update(String tenantId, String roomName, String identity, ParticipantUpdateRequest request) {
        if (isEmpty(request)) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Nothing to change: send name, metadata or permissions")
                    .withErrors(List.of(new Problem.FieldError("body", "must change name, metadata or permissions"))), null);
        }
        Room room = rooms.get(tenantId, roomName);
        LiveParticipant updated = onHost(room, identity, worker -> control.update(worker, tenantId, room.name(), identity, change(request)));
        if (request.name() != null) {
            QuarkusTransaction.requiringNew().run(() -> participants.rename(room.id(), identity, request.name()));
        }
        return updated;
    }

    private boolean removeOnWorker(Room room, String identity) {
        try {
            onHost(room, identity, worker -> control.remove(worker, room.tenantId(), room.name(), identity));
            return true;
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Acts on the worker of the room that has the participant (the origin first); 404 when none has it. */
    private <T> T onHost(Room room, String identity, java.util.function.Function<Worker, T> action) {
        for (Worker worker : hosts(room)) {
            try {
                return action.apply(worker);
            } catch (ProblemException e) {
                if (e.problem().status() != 404) {
                    throw e;
                }
            }
        }
        throw participantNotFound(identity, room);
    }

    /** The room's worker and, for a broadcast, its live edges. */
    private List<Worker> hosts(Room room) {
        Optional<Worker> origin = host(room);
        if (origin.isEmpty()) {
            return List.of();
        }
        List<Worker> hosts = new java.util.ArrayList<>();
        hosts.add(origin.get());
        Instant now = now();
        edges.live(room.id(), origin.get().id(), Instant.EPOCH, now).stream().map(RoomEdgeRepository.Edge::worker)
                .filter(w -> w.state() == WorkerState.ACTIVE || w.state() == WorkerState.DRAINING).forEach(hosts::add);
        return hosts;
    }

    /** The worker the room runs on, while it is one room-service may call. */
    private Optional<Worker> host(Room room) {
        if (room.workerId() == null) {
            return Optional.empty();
        }
        return workers.find(room.workerId())
                .filter(w -> w.state() == WorkerState.ACTIVE || w.state() == WorkerState.DRAINING);
    }

    private void undo(String revokedTokenId) {
        if (revokedTokenId != null) {
            QuarkusTransaction.requiringNew().run(() -> revokedTokens.unrevoke(revokedTokenId));
        }
    }

    private static boolean isEmpty(ParticipantUpdateRequest request) {
        ParticipantUpdateRequest.Permissions permissions = request.permissions();
        return request.name() == null && request.metadata() == null && (permissions == null
                || permissions.publish() == null && permissions.subscribe() == null && permissions.publishData() == null
                && permissions.sources() == null);
    }

    /** The worker's change body: only the fields the caller sent. */
    private static Map<String, Object> change(ParticipantUpdateRequest request) {
        Map<String, Object> change = new LinkedHashMap<>();
        if (request.name() != null) {
            change.put("name", request.name());
        }
        if (request.metadata() != null) {
            change.put("metadata", request.metadata());
        }
        ParticipantUpdateRequest.Permissions permissions = request.permissions();
        if (permissions != null) {
            Map<String, Object> changed = new LinkedHashMap<>();
            putIfSet(changed, "publish", permissions.publish());
            putIfSet(changed, "subscribe", permissions.subscribe());
            putIfSet(changed, "publishData", permissions.publishData());
            putIfSet(changed, "sources", permissions.sources());
            change.put("permissions", changed);
        }
        return change;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static ProblemException participantNotFound(String identity, Room room) {
        return ProblemException.notFound("Participant " + identity + " in room " + room.name());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
