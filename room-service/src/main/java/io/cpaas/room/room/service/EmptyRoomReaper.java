package io.cpaas.room.room.service;

import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.room.persistence.RoomRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import io.cpaas.room.session.RoomSpan;
import io.cpaas.room.session.service.SessionRecorder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ends rooms that stayed empty past their empty timeout, so their names and the tenant's room quota
 * free up, and closes join reservations that were never used, so live counts stay small and exact.
 */
@ApplicationScoped
public class EmptyRoomReaper {

    private static final Logger LOG = Logger.getLogger(EmptyRoomReaper.class);

    private final RoomRepository rooms;
    private final ParticipantRepository participants;
    private final SessionRecorder sessions;

    public EmptyRoomReaper(RoomRepository rooms, ParticipantRepository participants, SessionRecorder sessions) {
        this.rooms = rooms;
        this.participants = participants;
        this.sessions = sessions;
    }

    /**
     * Rooms ended per transaction. Ending a room adds its time to the tenant's usage row of the hour,
     * the row every join's TURN count updates too: small batches hold it briefly (the load soak saw
     * joins wait behind a pass that ended hundreds of rooms at once).
     */
    static final int BATCH = 50;
    static final int MAX_PER_PASS = 1000;

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void endEmptyRooms() {
        try {
            QuarkusTransaction.requiringNew().call(() -> participants.expireReservations(Instant.now()));
            int ended = 0;
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> {
                    List<RoomSpan> spans = rooms.endEmpty(Instant.now().truncatedTo(ChronoUnit.MILLIS), BATCH);
                    sessions.roomsEnded(spans);
                    return spans.size();
                });
                ended += batch;
            } while (batch == BATCH && ended < MAX_PER_PASS);
            if (ended > 0) {
                LOG.debugf("ended %d empty rooms", ended);
            }
        } catch (RuntimeException e) {
            LOG.warnf("ending empty rooms failed, will retry: %s", e.getMessage());
        }
    }
}
