package io.cpaas.room.room.service;

import io.cpaas.api.page.Cursor;
import io.cpaas.api.page.Page;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.TenantLimits;
import io.cpaas.rest.PageRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.room.Room;
import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.RoomStatus;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.room.rest.RoomCreateRequest;
import io.cpaas.room.session.service.SessionRecorder;
import io.cpaas.room.pool.client.WorkerControlClient;
import io.cpaas.room.pool.persistence.WorkerRepository;
import io.cpaas.room.tenant.persistence.TenantLiveCounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** A tenant's rooms: creating them (explicitly or on first join), listing, reading and ending them. */
@ApplicationScoped
public class RoomService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RoomService.class);
    /** One DRBG per thread: a shared SecureRandom (NativePRNG) serialises every room creation on one lock. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom in this JDK", e);
        }
    });
    /** Rooms below the limit from which creations take the tenant's lock: 10 instances' connection pools. */
    private static final int UNLOCKED_HEADROOM = 240;

    private final RoomRepository rooms;
    private final ParticipantRepository participants;
    private final SessionRecorder sessions;
    private final RoomServiceConfig config;
    private final WorkerRepository workers;
    private final WorkerControlClient control;
    private final TenantLiveCounts liveCounts;
    private final Clock clock = Clock.systemUTC();

    public RoomService(RoomRepository rooms, ParticipantRepository participants, SessionRecorder sessions,
                       RoomServiceConfig config, WorkerRepository workers, WorkerControlClient control,
                       TenantLiveCounts liveCounts) {
        this.liveCounts = liveCounts;
        this.workers = workers;
        this.control = control;
        this.rooms = rooms;
        this.participants = participants;
        this.sessions = sessions;
        this.config = config;
    }

    @Transactional
    public Room create(String tenantId, TenantLimits limits, RoomCreateRequest request) {
        checkRoomLimit(tenantId, limits);
        Room room = newRoom(tenantId, request.name(), request.mode() == null ? RoomMode.CONFERENCE : RoomMode.fromWireName(request.mode()),
                request.maxParticipants(), request.emptyTimeoutSeconds(), request.region(), request.metadata());
        if (!rooms.insertIfAbsent(room)) {
            throw new ProblemException(ProblemType.CONFLICT, "A live room named '" + request.name() + "' exists already");
        }
        return room;
    }

    /**
     * Creates the live room a join names, with defaults, when there is none, in a transaction of its
     * own: the tenant's room-creation lock is then held for the count and the insert only, not for the
     * whole join (which would serialize every first join of the tenant's rooms on that lock).
     */
    public void createForJoinIfAbsent(String tenantId, TenantLimits limits, String name) {
        if (rooms.findLive(tenantId, name).isPresent()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            checkRoomLimit(tenantId, limits);
            rooms.insertIfAbsent(newRoom(tenantId, name, RoomMode.CONFERENCE, null, null, null, null));
        });
    }

    /**
     * The live room for a join, locked until commit; created with defaults when it does not exist (as
     * when it ended since {@link #createForJoinIfAbsent}).
     */
    public Room lockOrCreateForJoin(String tenantId, TenantLimits limits, String name, boolean autoCreate) {
        Optional<Room> existing = rooms.lockLive(tenantId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!autoCreate) {
            throw ProblemException.notFound("Room " + name);
        }
        checkRoomLimit(tenantId, limits);
        rooms.insertIfAbsent(newRoom(tenantId, name, RoomMode.CONFERENCE, null, null, null, null));
        // Whoever inserted first, everyone now locks the same row.
        return rooms.lockLive(tenantId, name).orElseThrow(() -> new IllegalStateException("room vanished: " + name));
    }

    public Room get(String tenantId, String name) {
        return rooms.findLive(tenantId, name).orElseThrow(() -> ProblemException.notFound("Room " + name));
    }

    public Page<Room> list(String tenantId, String status, PageRequest page) {
        RoomStatus filter = parseStatus(status);
        Instant afterCreatedAt = null;
        String afterId = null;
        if (page.afterKey() != null) {
            String[] parts = page.afterKey().split(":", 2);
            try {
                afterCreatedAt = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
                afterId = parts[1];
            } catch (RuntimeException notOurs) {
                throw invalid("cursor", "is not a cursor this API returned");
            }
        }
        List<Room> rows = rooms.page(tenantId, filter, afterCreatedAt, afterId, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<Room> items = more ? rows.subList(0, page.limit()) : rows;
        String next = null;
        if (more) {
            Room last = items.get(items.size() - 1);
            next = Cursor.encode(ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()) + ":" + last.id());
        }
        return new Page<>(items, next);
    }

    /**
     * Ends the room. Its worker is asked first to disconnect everyone at once, each hearing why
     * (room_ended): were the room ended here first, the worker's next heartbeat, which evicts the
     * participants that have left here, could race a slow call and close them without a word.
     * Should the worker not answer, that heartbeat disconnects them once the room has ended here.
     */
    public void end(String tenantId, String name) {
        Room live = get(tenantId, name);
        if (live.workerId() != null) {
            try {
                workers.find(live.workerId()).ifPresent(worker -> control.closeRoom(worker, tenantId, live.name()));
            } catch (RuntimeException e) {
                LOG.infof("room %s ends; its worker %s will disconnect its participants on its next heartbeat (%s)",
                        live.id(), live.workerId(), e.getMessage());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Room room = rooms.lockLive(tenantId, name).orElseThrow(() -> ProblemException.notFound("Room " + name));
            Instant now = now();
            sessions.participantsLeft(participants.leaveRoom(room.id(), now));
            sessions.roomsEnded(rooms.end(room.id(), now).stream().toList());
        });
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Room newRoom(String tenantId, String name, RoomMode mode, Integer maxParticipants, Integer emptyTimeoutSeconds,
                         String region, String metadata) {
        return new Room(randomId(), tenantId, name, mode,
                maxParticipants == null ? (mode == RoomMode.CALL ? 2 : config.rooms().defaultMaxParticipants()) : maxParticipants,
                emptyTimeoutSeconds == null ? (int) config.rooms().defaultEmptyTimeout().toSeconds() : emptyTimeoutSeconds,
                region, metadata, RoomStatus.IDLE, now(), null, null, null);
    }

    /**
     * Refuses a room over the tenant's limit. Near the limit it holds the tenant's room-creation lock
     * until the caller's transaction ends, so that the count stays true until the insert commits; far
     * from it, it takes no lock: the creates in flight at once, bounded by the instances' connection
     * pools (24 each), cannot make up the headroom, and creations are not serialized for nothing.
     */
    private void checkRoomLimit(String tenantId, TenantLimits limits) {
        if (liveCounts.rooms(tenantId) + UNLOCKED_HEADROOM < limits.maxRooms()) {
            return;
        }
        rooms.lockRoomCreation(tenantId);
        if (liveCounts.rooms(tenantId) >= limits.maxRooms()) {
            throw new ProblemException(ProblemType.LIMIT_REACHED,
                    "The tenant has " + limits.maxRooms() + " live rooms, its limit; end one or ask for a higher limit");
        }
    }

    private static RoomStatus parseStatus(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return RoomStatus.fromWireName(status);
        } catch (IllegalArgumentException e) {
            throw invalid("status", "must be idle, active or ended");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Query parameter '" + field + "' " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))), null);
    }

    private static String randomId() {
        char[] alphabet = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        byte[] random = new byte[20];
        RANDOM.get().nextBytes(random);
        StringBuilder id = new StringBuilder(Room.ID_PREFIX);
        for (byte b : random) {
            id.append(alphabet[b & 31]); // 256 is a multiple of 32: every letter equally likely
        }
        return id.toString();
    }
}
