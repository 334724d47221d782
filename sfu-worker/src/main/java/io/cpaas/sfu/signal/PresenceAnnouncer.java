package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells a room when someone leaves: their tracks go away, then they do. Hidden participants leave silently. */
@ApplicationScoped
@Startup
public class PresenceAnnouncer implements RoomRegistry.RoomListener {

    private final ObjectMapper json;

    public PresenceAnnouncer(ObjectMapper json, RoomRegistry rooms) {
        this.json = json;
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
            ObjectNode unpublished = json.createObjectNode().put("type", "trackUnpublished")
                    .put("participantSid", participant.sid()).put("trackSid", track.sid());
            room.broadcast(unpublished, participant);
        }
        ObjectNode left = json.createObjectNode().put("type", "participantLeft")
                .put("sid", participant.sid()).put("identity", participant.identity());
        room.broadcast(left, participant);
    }
}
