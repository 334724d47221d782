package io.cpaas.sfu.events;

import io.cpaas.sfu.pool.RoomServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the journal to room-service in batches, oldest first, and forgets each batch only once
 * room-service acknowledged it. A batch that failed is sent again as it was, event ids included:
 * room-service counts each event once.
 */
@ApplicationScoped
public class EventReporter {

    private static final Logger LOG = Logger.getLogger(EventReporter.class);

    // Keeps a batch well under room-service's 64 KiB body limit.
    static final int BATCH_SIZE = 64;
    private static final int MAX_BATCHES_PER_FLUSH = 200;

    private final EventJournal journal;
    private final RoomEventRecorder recorder;
    private final RoomServiceClient roomService;

    public EventReporter(EventJournal journal, RoomEventRecorder recorder, RoomServiceClient roomService) {
        this.journal = journal;
        this.recorder = recorder;
        this.roomService = roomService;
    }

    /** Sends what is pending; answers how many events room-service took. Throws when it could not take them. */
    public synchronized int flush() throws IOException {
        recorder.recordTraffic();
        int sent = 0;
        for (int i = 0; i < MAX_BATCHES_PER_FLUSH; i++) {
            List<WorkerEvent> batch = journal.oldest(BATCH_SIZE);
            if (batch.isEmpty()) {
                break;
            }
            try {
                roomService.sendEvents(batch);
            } catch (RoomServiceClient.BatchRefusedException e) {
                // A bug on one side or the other; keeping the batch would block every later event.
                LOG.errorf("dropping %d events room-service refuses: %s", batch.size(), e.getMessage());
            }
            journal.acknowledge(batch);
            sent += batch.size();
        }
        return sent;
    }

    public int pending() {
        return journal.size();
    }
}
