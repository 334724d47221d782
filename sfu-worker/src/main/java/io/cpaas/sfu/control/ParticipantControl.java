package io.cpaas.sfu.control;

import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.TrackSource;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.signal.PresenceAnnouncer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * What room-service may do to the participants of the rooms hosted here: list them, remove them,
 * mute their tracks, change their name, metadata and permissions, and close a whole room. Every
 * change takes effect at once and is announced to the room as signaling frames.
 */
@ApplicationScoped
public class ParticipantControl {

    /** Close code of a participant removed on purpose (docs/signaling.md). */
    public static final int CLOSE_REMOVED = 4002;
    private static final Logger LOG = Logger.getLogger(ParticipantControl.class);

    private final RoomRegistry rooms;
    private final MediaRouter media;
    private final PresenceAnnouncer announcer;

    public ParticipantControl(RoomRegistry rooms, MediaRouter media, PresenceAnnouncer announcer) {
        this.rooms = rooms;
        this.media = media;
        this.announcer = announcer;
    }

    /** Everyone in the room, hidden participants included, in order of joining; empty when the room is not here. */
    public List<ParticipantInfo> list(String tenantId, String room) {
        return rooms.find(tenantId, room).map(found -> found.participants().stream()
                        .filter(p -> !p.hasLeft() && !p.relayed())
                        .sorted(Comparator.comparing(Participant::joinedAt))
                        .map(this::info).toList())
                .orElse(List.of());
    }

    /** Disconnects the participant (close 4002, after a {@code removed} frame); the others see it leave. */
    public ParticipantInfo remove(String tenantId, String roomName, String identity) {
        Room room = room(tenantId, roomName, identity);
        Participant participant = participant(room, identity);
        ParticipantInfo removed = info(participant);
        announcer.removing(participant, "participant_removed");
        rooms.leave(room, participant, "removed");
        participant.channel().close(CLOSE_REMOVED, "removed by the server");
        LOG.infof("participant %s removed from room %s by room-service", participant.sid(), roomName);
        return removed;
    }

    /** Mutes or unmutes a published track on the server: the worker stops or resumes forwarding it. */
    public ParticipantInfo.TrackInfo mute(String tenantId, String roomName, String identity, String trackSid, boolean muted) {
        Room room = room(tenantId, roomName, identity);
        Participant participant = participant(room, identity);
        PublishedTrack before = participant.track(trackSid);
        PublishedTrack track = before == null ? null : media.serverMute(room, participant, trackSid, muted);
        if (track == null) {
            throw ProblemException.notFound("Track " + trackSid + " of participant " + identity);
        }
        if (before.serverMuted() != muted) {
            announcer.serverMuted(room, participant, track);
        }
        return ParticipantInfo.TrackInfo.of(track);
    }

    /** Changes name, metadata and permissions; the room hears participantUpdated. Revoked sources are unpublished. */
    public ParticipantInfo update(String tenantId, String roomName, String identity, ParticipantChange change) {
        Room room = room(tenantId, roomName, identity);
        Participant participant = participant(room, identity);
        RoomGrants before;
        RoomGrants after;
        synchronized (room) {
            before = participant.grants();
            after = change.permissions() == null ? null : merge(before, change.permissions());
            participant.update(change.name(), change.metadata(), after);
        }
        if (after != null) {
            media.permissionsChanged(room, participant, before);
        }
        announcer.updated(room, participant, before);
        return info(participant);
    }

    /** Disconnects everyone in the room (close 4002); false when the room is not hosted here. */
    public boolean closeRoom(String tenantId, String roomName) {
        Room room = rooms.find(tenantId, roomName).orElse(null);
        if (room == null) {
            return false;
        }
        for (Participant participant : List.copyOf(room.participants())) {
            announcer.removing(participant, "room_ended");
            rooms.leave(room, participant, "room_ended");
            participant.channel().close(CLOSE_REMOVED, "the room was ended");
        }
        LOG.infof("room %s closed by room-service", roomName);
        return true;
    }

    private ParticipantInfo info(Participant participant) {
        return ParticipantInfo.of(participant, media.mediaConnected(participant));
    }

    private Room room(String tenantId, String roomName, String identity) {
        // Nobody is in a room that is not here: the caller hears about the participant it asked for.
        return rooms.find(tenantId, roomName)
                .orElseThrow(() -> ProblemException.notFound("Participant " + identity + " in room " + roomName));
    }

    private static Participant participant(Room room, String identity) {
        return room.participants().stream().filter(p -> p.identity().equals(identity) && !p.hasLeft() && !p.relayed()).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Participant " + identity + " in room " + room.name()));
    }

    private static RoomGrants merge(RoomGrants grants, ParticipantChange.PermissionsChange change) {
        Set<TrackSource> sources = grants.allowedSources().isEmpty() ? EnumSet.noneOf(TrackSource.class)
                : EnumSet.copyOf(grants.allowedSources());
        if (change.sources() != null) {
            sources = EnumSet.noneOf(TrackSource.class);
            for (String name : change.sources()) {
                sources.add(TrackSource.fromWireName(name).orElseThrow());
            }
        }
        return new RoomGrants(change.publish() == null ? grants.publish() : change.publish(),
                change.subscribe() == null ? grants.subscribe() : change.subscribe(),
                change.publishData() == null ? grants.publishData() : change.publishData(),
                sources, grants.hidden(), grants.roomAdmin());
    }
}
