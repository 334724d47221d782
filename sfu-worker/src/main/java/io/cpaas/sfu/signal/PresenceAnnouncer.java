package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells a room what happened to a participant that its own signaling did not say: it left (its
 * tracks go away, then it does), room-service changed it or muted one of its tracks, or removed it.
 * Hidden participants are never announced to others, viewers only to those who may publish
 * ({@link Participant#announced}).
 */
@ApplicationScoped
@Startup
public class PresenceAnnouncer implements RoomRegistry.RoomListener {

    private final ParticipantFrames frames;

    public PresenceAnnouncer(ObjectMapper json, RoomRegistry rooms) {
        this.frames = new ParticipantFrames(json);
        rooms.listen(this);
    }

    @Override
    public void joined(Room room, Participant participant) {
        // Announced by the signaling session once the joiner has its own answer.
    }

    @Override
    public void left(Room room, Participant participant) {
        if (participant.hidden()) {
            return;
        }
        for (PublishedTrack track : participant.tracks()) {
            ObjectNode unpublished = frames.message("trackUnpublished")
                    .put("participantSid", participant.sid()).put("trackSid", track.sid());
            room.broadcast(unpublished, participant);
        }
        room.announce(left(participant), participant);
    }

    /**
     * room-service changed the participant: it hears its new self (with permissions), the others what
     * they see. A change of grants can change who is announced to whom ({@link Participant#announced}):
     * a viewer allowed to publish is new to the other viewers, and they to it; one no longer allowed
     * leaves their view, and they its.
     */
    public void updated(Room room, Participant participant, RoomGrants before) {
        ObjectNode self = frames.message("participantUpdated");
        self.set("participant", frames.self(participant));
        participant.channel().send(self);
        SharedMessage changed = new SharedMessage(described("participantUpdated", participant));
        SharedMessage arrived = new SharedMessage(described("participantJoined", participant));
        SharedMessage gone = new SharedMessage(left(participant));
        for (Participant other : room.participants()) {
            if (other == participant) {
                continue;
            }
            boolean knew = Participant.announced(before, other.grants());
            if (participant.announcedTo(other)) {
                other.channel().send(knew ? changed : arrived);
            } else if (knew) {
                other.channel().send(gone);
            }
            boolean saw = Participant.announced(other.grants(), before);
            if (other.announcedTo(participant) && !saw) {
                participant.channel().send(described("participantJoined", other));
            } else if (!other.announcedTo(participant) && saw) {
                participant.channel().send(left(other));
            }
        }
    }

    private ObjectNode described(String type, Participant participant) {
        ObjectNode message = frames.message(type);
        message.set("participant", frames.participant(participant));
        return message;
    }

    private ObjectNode left(Participant participant) {
        return frames.message("participantLeft").put("sid", participant.sid()).put("identity", participant.identity());
    }

    /** room-service muted or unmuted a track: everyone hears it, its publisher too, since it did not ask. */
    public void serverMuted(Room room, Participant publisher, PublishedTrack track) {
        ObjectNode muted = frames.message("trackMuted").put("participantSid", publisher.sid()).put("trackSid", track.sid())
                .put("muted", track.muted()).put("serverMuted", track.serverMuted());
        if (publisher.hidden()) {
            publisher.channel().send(muted);
        } else {
            room.broadcast(muted, null);
        }
    }

    /** Tells a participant it is being disconnected on purpose, so that it does not join again by itself. */
    public void removing(Participant participant, String reason) {
        participant.channel().send(frames.message("removed").put("reason", reason));
    }
}
