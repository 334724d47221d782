package io.cpaas.room.session.service;

import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.session.ParticipantSession;
import io.cpaas.room.session.RoomSpan;
import io.cpaas.room.session.TrackPublication;
import io.cpaas.room.session.persistence.TrackPublicationRepository;
import io.cpaas.room.usage.persistence.UsageLedger;
import io.cpaas.room.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What follows from a session starting or ending, in the caller's transaction: the usage ledger,
 * the peaks, closing what the participant published, and the tenant's webhooks. Every path that
 * opens or closes a session (worker events, heartbeats, lost workers, ended rooms) comes here, so
 * the numbers cannot depend on which path noticed first.
 */
@ApplicationScoped
public class SessionRecorder {

    private final ParticipantRepository participants;
    private final RoomRepository rooms;
    private final TrackPublicationRepository tracks;
    private final UsageLedger usage;
    private final WebhookOutbox webhooks;

    public SessionRecorder(ParticipantRepository participants, RoomRepository rooms, TrackPublicationRepository tracks,
                           UsageLedger usage, WebhookOutbox webhooks) {
        this.participants = participants;
        this.rooms = rooms;
        this.tracks = tracks;
        this.usage = usage;
        this.webhooks = webhooks;
    }

    public void roomStarted(RoomSpan room) {
        webhooks.enqueue(room.tenantId(), room.roomId(), "room.started", room.startedAt(), Map.of("room", room(room)));
    }

    public void roomsEnded(List<RoomSpan> ended) {
        List<RoomSpan> started = ended.stream().filter(room -> room.startedAt() != null).toList(); // others: never joined
        for (RoomSpan room : started) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("room", room(room));
            data.put("durationSeconds", room.millis(room.endedAt()) / 1000.0);
            webhooks.enqueue(room.tenantId(), room.roomId(), "room.ended", room.endedAt(), data);
        }
        // The usage rows last: joins update them too, so they stay locked only until the commit that follows.
        for (RoomSpan room : started) {
            usage.addRoomTime(room.tenantId(), room.startedAt(), room.endedAt());
        }
    }

    public void participantConnected(ParticipantSession session) {
        usage.raisePeak(session.tenantId(), session.connectedAt(), participants.countConnectedInTenant(session.tenantId()));
        rooms.raisePeak(session.roomId(), participants.countConnectedInRoom(session.roomId()));
        webhooks.enqueue(session.tenantId(), session.roomId(), "participant.joined", session.connectedAt(),
                Map.of("room", room(session), "participant", participant(session)));
    }

    public void participantsLeft(List<ParticipantSession> closed) {
        for (ParticipantSession session : closed) {
            for (TrackPublication track : tracks.unpublishAll(session.sid(), session.leftAt())) {
                trackUnpublished(session, track);
            }
            if (session.connectedAt() == null) {
                continue; // never reached its worker: nothing used, nobody saw it
            }
            usage.addParticipantTime(session.tenantId(), session.connectedAt(), session.leftAt());
            Map<String, Object> participant = participant(session);
            participant.put("durationSeconds", session.connectedMillis(session.leftAt()) / 1000.0);
            participant.put("reason", session.leftReason());
            webhooks.enqueue(session.tenantId(), session.roomId(), "participant.left", session.leftAt(),
                    Map.of("room", room(session), "participant", participant));
        }
    }

    public void trackPublished(ParticipantSession session, TrackPublication track) {
        webhooks.enqueue(session.tenantId(), session.roomId(), "track.published", track.publishedAt(),
                Map.of("room", room(session), "participant", participant(session), "track", track(track)));
    }

    public void trackUnpublished(ParticipantSession session, TrackPublication track) {
        webhooks.enqueue(session.tenantId(), session.roomId(), "track.unpublished", track.unpublishedAt(),
                Map.of("room", room(session), "participant", participant(session), "track", track(track)));
    }

    public void traffic(String tenantId, Instant at, long bytesIn, long bytesOut) {
        usage.addTraffic(tenantId, at, bytesIn, bytesOut);
    }

    private static Map<String, Object> room(RoomSpan room) {
        return Map.of("sid", room.roomId(), "name", room.name());
    }

    private static Map<String, Object> room(ParticipantSession session) {
        return Map.of("sid", session.roomId(), "name", session.roomName());
    }

    private static Map<String, Object> participant(ParticipantSession session) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("sid", session.sid());
        participant.put("identity", session.identity());
        if (session.name() != null) {
            participant.put("name", session.name());
        }
        return participant;
    }

    private static Map<String, Object> track(TrackPublication track) {
        return Map.of("sid", track.sid(), "kind", track.kind(), "source", track.source());
    }
}
