package io.cpaas.room.join.service;

import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.TenantProfile;
import io.cpaas.api.token.InvalidTokenException;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.api.token.RoomTokenClaims;
import io.cpaas.api.token.RoomTokenVerifier;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.join.rest.JoinResponse;
import io.cpaas.room.participant.persistence.RevokedTokenRepository;
import io.cpaas.room.persistence.DeadlockRetry;
import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.client.WorkerControlClient;
import io.cpaas.room.pool.service.BroadcastPlacement;
import io.cpaas.room.pool.service.RoomAllocator;
import io.cpaas.room.room.Room;
import io.cpaas.room.room.RoomMode;
import io.cpaas.room.room.service.RoomService;
import io.cpaas.room.session.service.SessionRecorder;
import io.cpaas.room.tenant.TenantDirectory;
import io.cpaas.room.tenant.persistence.TenantLiveCounts;
import io.cpaas.room.token.service.SigningKeyStore;
import io.cpaas.room.turn.service.TurnService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The join flow: check the room token, place the room (creating it if the tenant allows), enforce
 * the room's and the tenant's participant limits, record the participant (with the token that
 * admitted it, which removing it may revoke), and hand out a ticket bound to the chosen worker with
 * fresh ICE servers. Joins of one room serialize on its row lock.
 */
@ApplicationScoped
public class JoinService {

    private final SigningKeyStore keys;
    private final TenantDirectory tenants;
    private final RoomService rooms;
    private final RoomAllocator allocator;
    private final ParticipantRepository participants;
    private final TurnService turn;
    private final SessionRecorder sessions;
    private final RevokedTokenRepository revokedTokens;
    private final BroadcastPlacement broadcast;
    private final WorkerControlClient control;
    private final TenantLiveCounts liveCounts;
    private final Duration ticketTtl;
    private final Clock clock = Clock.systemUTC();

    public JoinService(SigningKeyStore keys, TenantDirectory tenants, RoomService rooms, RoomAllocator allocator,
                       ParticipantRepository participants, SessionRecorder sessions, TurnService turn, RoomServiceConfig config,
                       RevokedTokenRepository revokedTokens, BroadcastPlacement broadcast, WorkerControlClient control,
                       TenantLiveCounts liveCounts) {
        this.liveCounts = liveCounts;
        this.broadcast = broadcast;
        this.control = control;
        this.sessions = sessions;
        this.revokedTokens = revokedTokens;
        this.keys = keys;
        this.tenants = tenants;
        this.rooms = rooms;
        this.allocator = allocator;
        this.participants = participants;
        this.turn = turn;
        this.ticketTtl = config.join().ticketTtl();
    }

    public JoinResponse join(String roomToken) {
        RoomTokenClaims claims = verify(roomToken);
        TenantProfile tenant = tenants.tenant(claims.tenantId())
                .filter(TenantProfile::active)
                .orElseThrow(() -> new ProblemException(ProblemType.TENANT_DISABLED, "This token's tenant cannot join rooms"));
        String sid = "pa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        if (tenant.autoCreateRooms()) {
            rooms.createForJoinIfAbsent(tenant.id(), tenant.limits(), claims.room());
        }
        Placement placement = DeadlockRetry.inNewTransaction("join", () -> place(claims, tenant, sid));
        allocator.reserve(placement.worker);
        if (placement.origin != null) {
            // A broadcast viewer on an edge: the edge relays the room from its origin before the viewer arrives.
            control.relay(placement.worker, claims.tenantId(), placement.room.name(), placement.origin);
        }
        Instant now = clock.instant();
        JoinTicketClaims ticket = JoinTicketClaims.admit(claims, placement.worker.id(), sid, now, ticketTtl);
        return new JoinResponse(placement.worker.signalUrl(), keys.signer().sign(ticket),
                turn.iceServers(claims.tenantId(), claims.identity()),
                new JoinResponse.Participant(sid, claims.identity(), claims.name(), claims.metadata()),
                new JoinResponse.Room(placement.room.name(), placement.room.mode()));
    }

    private Placement place(RoomTokenClaims claims, TenantProfile tenant, String sid) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (revokedTokens.isRevoked(claims.tokenId())) {
            throw new ProblemException(ProblemType.TOKEN_REVOKED, "This room token was revoked when its participant was removed "
                    + "from the room; your back end must mint a new token to let it join again");
        }
        Room room = rooms.lockOrCreateForJoin(tenant.id(), tenant.limits(), claims.room(), tenant.autoCreateRooms());
        if (participants.countLiveInRoom(room.id(), claims.identity(), now) >= room.maxParticipants()) {
            throw new ProblemException(ProblemType.LIMIT_REACHED,
                    "Room " + room.name() + " is full (" + room.maxParticipants() + " participants)");
        }
        int tenantLimit = tenant.limits().maxConcurrentParticipants();
        // The rows not left bound the count from above and cost a few rows to read; the count itself
        // reads every live row of the tenant, so it runs only when the bound reaches the limit.
        if (liveCounts.participantsNotLeft(tenant.id()) >= tenantLimit
                && participants.countLiveInTenant(tenant.id(), room.id(), claims.identity(), now) >= tenantLimit) {
            throw new ProblemException(ProblemType.LIMIT_REACHED,
                    "The tenant has " + tenantLimit + " participants connected, its limit");
        }
        Worker worker;
        Worker origin = null;
        if (room.mode() == RoomMode.BROADCAST && !claims.grants().publish()) {
            // Viewers go to edges; hosts (who may publish) to the origin, like everyone in other rooms.
            BroadcastPlacement.Placement viewer = broadcast.placeViewer(room, now);
            worker = viewer.worker();
            origin = viewer.origin();
        } else {
            worker = allocator.host(room, now);
        }
        sessions.participantsLeft(participants.join(sid, room.id(), tenant.id(), claims.identity(), claims.name(), worker.id(),
                now, now.plus(ticketTtl), new ParticipantRepository.Admission(claims.tokenId(), claims.expiresAt())));
        return new Placement(room, worker, origin);
    }

    private RoomTokenClaims verify(String roomToken) {
        if (roomToken == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Send the room token as Authorization: Bearer <token>");
        }
        try {
            return new RoomTokenVerifier(keys.publicKeys(), clock).verifyRoomToken(roomToken);
        } catch (InvalidTokenException e) {
            // A key rotated on another instance moments ago: look again once before refusing.
            if (e.reason() == InvalidTokenException.Reason.UNKNOWN_KEY && keys.reloadAtMostEverySecond()) {
                try {
                    return new RoomTokenVerifier(keys.publicKeys(), clock).verifyRoomToken(roomToken);
                } catch (InvalidTokenException again) {
                    throw new ProblemException(ProblemType.INVALID_TOKEN, "Room token refused: " + again.getMessage());
                }
            }
            throw new ProblemException(ProblemType.INVALID_TOKEN, "Room token refused: " + e.getMessage());
        }
    }

    /** {@code origin} is set when the participant goes to an edge of a broadcast room. */
    private record Placement(Room room, Worker worker, Worker origin) {
    }
}
