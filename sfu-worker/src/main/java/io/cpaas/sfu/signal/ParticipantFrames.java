package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.TrackSource;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;

/** How participants, tracks and permissions look in signaling frames, in one place so that every frame agrees. */
public final class ParticipantFrames {

    private final ObjectMapper json;

    public ParticipantFrames(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {sid, identity, name?, metadata?, tracks}} as others see the participant. */
    public ObjectNode participant(Participant p) {
        ObjectNode node = json.createObjectNode();
        node.put("sid", p.sid()).put("identity", p.identity());
        if (p.name() != null) {
            node.put("name", p.name());
        }
        if (p.metadata() != null) {
            node.put("metadata", p.metadata());
        }
        ArrayNode tracks = node.putArray("tracks");
        p.tracks().forEach(t -> tracks.add(track(t)));
        return node;
    }

    /** The participant as it sees itself: what others see plus its permissions. */
    public ObjectNode self(Participant p) {
        ObjectNode node = participant(p);
        node.set("permissions", permissions(p.grants()));
        return node;
    }

    public ObjectNode track(PublishedTrack track) {
        return json.createObjectNode().put("sid", track.sid()).put("kind", track.kind())
                .put("source", track.source().wireName()).put("muted", track.muted());
    }

    public ObjectNode permissions(RoomGrants grants) {
        ObjectNode node = json.createObjectNode().put("publish", grants.publish()).put("subscribe", grants.subscribe())
                .put("publishData", grants.publishData());
        ArrayNode sources = node.putArray("sources");
        for (TrackSource source : grants.allowedSources()) {
            sources.add(source.wireName());
        }
        return node;
    }

    public ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }
}
