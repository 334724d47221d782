package io.cpaas.sfu.events;

import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.ParticipantTraffic;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journals participants joining and leaving, and, when asked before each report to room-service,
 * the traffic of those whose counters moved since the last report.
 */
@ApplicationScoped
@Startup
public class RoomEventRecorder implements RoomRegistry.RoomListener {

    private final EventJournal journal;
    private final Map<Participant, Room> present = new ConcurrentHashMap<>();
    private final Map<Participant, ParticipantTraffic.Totals> reported = new ConcurrentHashMap<>();

    public RoomEventRecorder(EventJournal journal, RoomRegistry rooms) {
        this.journal = journal;
        rooms.listen(this);
    }

    @Override
    public void joined(Room room, Participant participant) {
        if (participant.relayed()) {
            return; // its own worker reports it
        }
        present.put(participant, room);
        journal.participantJoined(room, participant);
    }

    @Override
    public void left(Room room, Participant participant) {
        if (participant.relayed()) {
            return;
        }
        present.remove(participant);
        reported.remove(participant);
        journal.participantLeft(room, participant, participant.leaveReason());
    }

    /** Journals a traffic event for every present participant whose totals changed since the last one. */
    public void recordTraffic() {
        present.forEach((participant, room) -> {
            ParticipantTraffic.Totals now = participant.traffic().totals();
            ParticipantTraffic.Totals before = reported.getOrDefault(participant, ParticipantTraffic.Totals.NONE);
            if (!now.equals(before) && present.containsKey(participant)) {
                reported.put(participant, now);
                journal.traffic(room, participant, now);
            }
        });
    }
}
