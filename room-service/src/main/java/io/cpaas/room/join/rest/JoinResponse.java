package io.cpaas.room.join.rest;

import io.cpaas.api.turn.IceServer;
import java.util.List;

/** What the SDK needs to reach its worker: where, with which ticket, through which ICE servers. */
public record JoinResponse(String signalUrl, String ticket, List<IceServer> iceServers, Participant participant) {

    /** The joining participant as the room will know it. */
    public record Participant(String sid, String identity, String name, String metadata) {
    }
}
