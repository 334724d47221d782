package io.cpaas.room.room.service;

import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.room.persistence.RoomRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

    public EmptyRoomReaper(RoomRepository rooms, ParticipantRepository participants) {
        this.rooms = rooms;
        this.participants = participants;
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void endEmptyRooms() {
        try {
            QuarkusTransaction.requiringNew().call(() -> participants.expireReservations(Instant.now()));
            int ended = QuarkusTransaction.requiringNew().call(() -> rooms.endEmpty(Instant.now()));
            if (ended > 0) {
                LOG.debugf("ended %d empty rooms", ended);
            }
        } catch (RuntimeException e) {
            LOG.warnf("ending empty rooms failed, will retry: %s", e.getMessage());
        }
    }
}
