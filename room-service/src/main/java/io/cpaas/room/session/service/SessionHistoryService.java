package io.cpaas.room.session.service;

import io.cpaas.api.page.Cursor;
import io.cpaas.api.page.Page;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.PageRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.session.ParticipantSession;
import io.cpaas.room.session.RoomSession;
import io.cpaas.room.session.TrackPublication;
import io.cpaas.room.session.persistence.RoomSessionRepository;
import io.cpaas.room.session.persistence.TrackPublicationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The history of a tenant's room: its sessions, newest first, and who was in each. */
@ApplicationScoped
public class SessionHistoryService {

    private final RoomSessionRepository roomSessions;
    private final ParticipantRepository participants;
    private final TrackPublicationRepository tracks;

    public SessionHistoryService(RoomSessionRepository roomSessions, ParticipantRepository participants,
                                 TrackPublicationRepository tracks) {
        this.roomSessions = roomSessions;
        this.participants = participants;
        this.tracks = tracks;
    }

    public Page<RoomSession> roomSessions(String tenantId, String room, PageRequest page) {
        Key after = Key.parse(page.afterKey());
        List<RoomSession> rows = roomSessions.page(tenantId, room, after.at(), after.sid(), page.limit() + 1);
        if (rows.isEmpty() && after.sid() == null) {
            throw ProblemException.notFound("Room " + room);
        }
        boolean more = rows.size() > page.limit();
        List<RoomSession> items = more ? rows.subList(0, page.limit()) : rows;
        RoomSession last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new Page<>(items, more ? Key.cursor(last.createdAt(), last.sid()) : null);
    }

    public RoomSession roomSession(String tenantId, String room, String sessionSid) {
        return roomSessions.find(tenantId, room, sessionSid)
                .orElseThrow(() -> ProblemException.notFound("Session " + sessionSid + " of room " + room));
    }

    /** A page of a room session's participants, with what each published. */
    public Page<ParticipantWithTracks> participants(String tenantId, String room, String sessionSid, PageRequest page) {
        roomSession(tenantId, room, sessionSid);
        Key after = Key.parse(page.afterKey());
        List<ParticipantSession> rows = participants.ofRoom(sessionSid, after.at(), after.sid(), page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<ParticipantSession> items = more ? rows.subList(0, page.limit()) : rows;
        Map<String, List<TrackPublication>> published = tracks.of(items.stream().map(ParticipantSession::sid).toList())
                .stream().collect(Collectors.groupingBy(TrackPublication::participantSid));
        List<ParticipantWithTracks> result = items.stream()
                .map(p -> new ParticipantWithTracks(p, published.getOrDefault(p.sid(), List.of()))).toList();
        ParticipantSession last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new Page<>(result, more ? Key.cursor(last.joinedAt(), last.sid()) : null);
    }

    /** A participant session and the tracks it published. */
    public record ParticipantWithTracks(ParticipantSession session, List<TrackPublication> tracks) {
    }

    /** The position after which a page starts: (time, sid) of the previous page's last item. */
    private record Key(Instant at, String sid) {

        static Key parse(String afterKey) {
            if (afterKey == null) {
                return new Key(null, null);
            }
            String[] parts = afterKey.split(":", 2);
            try {
                return new Key(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), parts[1]);
            } catch (RuntimeException notOurs) {
                throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Query parameter 'cursor' is not a cursor this API returned")
                        .withErrors(List.of(new Problem.FieldError("cursor", "is not a cursor this API returned"))), null);
            }
        }

        static String cursor(Instant at, String sid) {
            return Cursor.encode(ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + sid);
        }
    }
}
