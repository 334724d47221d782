package io.cpaas.room.room.service;

import io.cpaas.room.room.persistence.RoomRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Ends rooms that stayed empty past their empty timeout, so their names and the tenant's room quota free up. */
@ApplicationScoped
public class EmptyRoomReaper {

    private static final Logger LOG = Logger.getLogger(EmptyRoomReaper.class);

    private final RoomRepository rooms;

    public EmptyRoomReaper(RoomRepository rooms) {
        this.rooms = rooms;
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void endEmptyRooms() {
        try {
            int ended = QuarkusTransaction.requiringNew().call(() -> rooms.endEmpty(Instant.now()));
            if (ended > 0) {
                LOG.debugf("ended %d empty rooms", ended);
            }
        } catch (RuntimeException e) {
            LOG.warnf("ending empty rooms failed, will retry: %s", e.getMessage());
        }
    }
}
