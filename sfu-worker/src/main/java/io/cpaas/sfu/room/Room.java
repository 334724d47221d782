package io.cpaas.sfu.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.sfu.signal.SharedMessage;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A room hosted here: its participants, by sid, and messages to all of them. */
public final class Room {

    private final String tenantId;
    private final String name;
    private final Map<String, Participant> participants = new ConcurrentHashMap<>();

    public Room(String tenantId, String name) {
        this.tenantId = tenantId;
        this.name = name;
    }

    public String tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public Collection<Participant> participants() {
        return participants.values();
    }

    public Optional<Participant> byIdentity(String identity) {
        return participants.values().stream().filter(p -> p.identity().equals(identity)).findFirst();
    }

    void add(Participant participant) {
        participants.put(participant.sid(), participant);
    }

    boolean remove(Participant participant) {
        return participants.remove(participant.sid(), participant);
    }

    public boolean isEmpty() {
        return participants.isEmpty();
    }

    /**
     * Tells the room about {@code subject}'s arrival, change or departure: everyone it is announced to
     * ({@link Participant#announcedTo}), itself excepted.
     */
    public void announce(ObjectNode message, Participant subject) {
        SharedMessage shared = new SharedMessage(message);
        for (Participant participant : participants.values()) {
            if (participant != subject && subject.announcedTo(participant)) {
                participant.channel().send(shared);
            }
        }
    }

    /** Sends to every participant but {@code except} (null: everyone). */
    public void broadcast(ObjectNode message, Participant except) {
        SharedMessage shared = new SharedMessage(message);
        for (Participant participant : participants.values()) {
            if (participant != except) {
                participant.channel().send(shared);
            }
        }
    }
}
