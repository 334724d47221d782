package io.cpaas.sfu.room;

import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.sfu.signal.SignalChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rooms this worker hosts. Rooms appear with their first participant and go with their last.
 * Listeners (the media layer, the signaling layer) hear of participants leaving.
 */
@ApplicationScoped
public class RoomRegistry {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

    public void listen(RoomListener listener) {
        listeners.add(listener);
    }

    /**
     * Adds the participant a ticket admits. An earlier session of the same identity in the room is
     * replaced: it leaves first, as the newest connection wins.
     */
    public Joined join(JoinTicketClaims ticket, SignalChannel channel) {
        String key = key(ticket.tenantId(), ticket.room());
        Participant participant = new Participant(
                ticket.participantSid() != null ? ticket.participantSid() : ticket.ticketId(),
                ticket.identity(), ticket.name(), ticket.metadata(), ticket.grants(), channel);
        Room room;
        while (true) {
            room = rooms.computeIfAbsent(key, k -> new Room(ticket.tenantId(), ticket.room()));
            synchronized (room) {
                // The last participant may have just removed this room from the map: then take the new one.
                if (rooms.get(key) != room) {
                    continue;
                }
                Room joined = room;
                room.byIdentity(ticket.identity()).ifPresent(previous -> {
                    leave(joined, previous, "replaced");
                    previous.channel().close(4001, "replaced by a newer connection of the same identity");
                });
                room.add(participant);
                break;
            }
        }
        Room joinedRoom = room;
        listeners.forEach(l -> l.joined(joinedRoom, participant));
        return new Joined(joinedRoom, participant);
    }

    /**
     * Adds a participant that another worker hosts (see {@link Participant#relayed()}), creating the
     * room here when needed. Nobody is replaced: the relay mirrors what the other worker has.
     */
    public Room joinRelayed(String tenantId, String roomName, Participant participant) {
        String key = key(tenantId, roomName);
        Room room;
        while (true) {
            room = rooms.computeIfAbsent(key, k -> new Room(tenantId, roomName));
            synchronized (room) {
                if (rooms.get(key) != room) {
                    continue;
                }
                room.add(participant);
                break;
            }
        }
        Room joinedRoom = room;
        listeners.forEach(l -> l.joined(joinedRoom, participant));
        return joinedRoom;
    }

    /** The participant leaves its room; {@code reason} says why, for its session record. */
    public void leave(Room room, Participant participant, String reason) {
        boolean removed;
        synchronized (room) {
            removed = room.remove(participant);
            participant.markLeft(reason);
            if (room.isEmpty()) {
                rooms.remove(key(room.tenantId(), room.name()), room);
            }
        }
        if (removed) {
            listeners.forEach(l -> l.left(room, participant));
        }
    }

    /** Close code telling a client to join again through room-service: its room left this worker (docs/signaling.md). */
    public static final int CLOSE_JOIN_AGAIN = 4005;

    /**
     * Ends every room here, e.g. when room-service released them or the worker stops; {@code leaveReason}
     * goes on each session. Clients get {@link #CLOSE_JOIN_AGAIN}: the room goes on elsewhere.
     */
    public void closeAll(String leaveReason, String reason) {
        for (Room room : List.copyOf(rooms.values())) {
            for (Participant participant : List.copyOf(room.participants())) {
                leave(room, participant, leaveReason);
                participant.channel().close(CLOSE_JOIN_AGAIN, reason);
            }
        }
    }

    /** The room of a tenant hosted here, if anyone is in it. */
    public java.util.Optional<Room> find(String tenantId, String room) {
        return java.util.Optional.ofNullable(rooms.get(key(tenantId, room)));
    }

    /** Disconnects the given participants (close code 4002); they leave their rooms. */
    public void evict(List<String> sids, String reason) {
        java.util.Set<String> wanted = java.util.Set.copyOf(sids);
        for (Room room : List.copyOf(rooms.values())) {
            for (Participant participant : List.copyOf(room.participants())) {
                if (wanted.contains(participant.sid())) {
                    leave(room, participant, "removed");
                    participant.channel().close(4002, reason);
                }
            }
        }
    }

    /** The rooms hosted here now. */
    public List<Room> rooms() {
        return List.copyOf(rooms.values());
    }

    /** The participants connected here (relayed ones are another worker's to report). */
    public List<String> participantSids() {
        return rooms.values().stream().flatMap(r -> r.participants().stream()).filter(p -> !p.relayed()).map(Participant::sid).toList();
    }

    public int roomCount() {
        return rooms.size();
    }

    public int participantCount() {
        return (int) rooms.values().stream().flatMap(r -> r.participants().stream()).filter(p -> !p.relayed()).count();
    }

    public int tracksIn() {
        return rooms.values().stream().flatMap(r -> r.participants().stream()).mapToInt(p -> p.tracks().size()).sum();
    }

    public int tracksOut() {
        int out = 0;
        for (Room room : rooms.values()) {
            int tracks = room.participants().stream().mapToInt(p -> p.tracks().size()).sum();
            long receivers = room.participants().stream().filter(p -> !p.relayed()).count();
            out += tracks * (int) Math.max(0, receivers - 1);
        }
        return out;
    }

    private static String key(String tenantId, String room) {
        return tenantId + "/" + room;
    }

    /** A participant now in a room. */
    public record Joined(Room room, Participant participant) {
    }

    /** Hears of participants joining and leaving. */
    public interface RoomListener {
        void joined(Room room, Participant participant);

        void left(Room room, Participant participant);
    }
}
