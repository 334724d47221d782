package io.cpaas.room.join.rest;

import io.cpaas.api.turn.IceServer;
import io.cpaas.room.room.RoomMode;
import java.util.List;

/**
 * What the SDK needs to reach its worker: where, with which ticket, through which ICE servers; and
 * the room's name and mode, which tell the SDK how to send (simulcast in a conference, peer to peer
 * in a {@code call}).
 */
public record JoinResponse(String signalUrl, String ticket, List<IceServer> iceServers, Participant participant, Room room) {

    /** The room joined: its name and how it carries media. */
    public record Room(String name, RoomMode mode) {
    }

    /** The joining participant as the room will know it. */
    public record Participant(String sid, String identity, String name, String metadata) {
    }
}
