package io.cpaas.room.join.rest;

import io.cpaas.api.turn.IceServer;
import io.cpaas.room.room.RoomMode;
import java.util.List;

/**
 * What the SDK needs to reach its worker: where, with which ticket, through which ICE servers, and
 * the room's mode (in a {@code call} room the SDK connects the two participants directly).
 */
public record JoinResponse(String signalUrl, String ticket, List<IceServer> iceServers, Participant participant, Room room) {

    /** The joining participant as the room will know it. */
    public record Participant(String sid, String identity, String name, String metadata) {
    }

    /** The room joined: its name and mode ({@code conference}, {@code broadcast} or {@code call}). */
    public record Room(String name, RoomMode mode) {
    }
}
