package io.cpaas.sfu.events;

import io.cpaas.sfu.config.WorkerConfig;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.ParticipantTraffic;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The events waiting to reach room-service, oldest first. Events stay here until room-service has
 * acknowledged them, so an outage of room-service delays them and loses none, up to
 * {@code cpaas.worker.events.capacity}; past that the oldest are dropped and counted, so a very long
 * outage costs usage detail rather than the worker's memory.
 */
@ApplicationScoped
public class EventJournal {

    private static final Logger LOG = Logger.getLogger(EventJournal.class);

    // Event ids are this worker run's random prefix and a counter: unique without coordination.
    private final String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private final AtomicLong sequence = new AtomicLong();
    private final ArrayDeque<WorkerEvent> pending = new ArrayDeque<>(); // guarded by this
    private final LongAdder dropped = new LongAdder();
    private final int capacity;

    public EventJournal(WorkerConfig config) {
        this.capacity = config.events().capacity();
    }

    public void participantJoined(Room room, Participant participant) {
        append(event(WorkerEvent.PARTICIPANT_JOINED, room, participant, null, null, null));
    }

    public void participantLeft(Room room, Participant participant, String reason) {
        append(event(WorkerEvent.PARTICIPANT_LEFT, room, participant, null, participant.traffic().totals(), reason));
    }

    public void trackPublished(Room room, Participant participant, PublishedTrack track) {
        append(event(WorkerEvent.TRACK_PUBLISHED, room, participant, track, null, null));
    }

    public void trackUnpublished(Room room, Participant participant, PublishedTrack track) {
        append(event(WorkerEvent.TRACK_UNPUBLISHED, room, participant, track, null, null));
    }

    public void traffic(Room room, Participant participant, ParticipantTraffic.Totals totals) {
        append(event(WorkerEvent.PARTICIPANT_TRAFFIC, room, participant, null, totals, null));
    }

    /** Up to {@code max} of the oldest events, left in place until {@link #acknowledge}. */
    public synchronized List<WorkerEvent> oldest(int max) {
        List<WorkerEvent> batch = new ArrayList<>(Math.min(max, pending.size()));
        for (WorkerEvent event : pending) {
            if (batch.size() == max) {
                break;
            }
            batch.add(event);
        }
        return batch;
    }

    /** Forgets the given events, which room-service has recorded; events dropped meanwhile are skipped. */
    public synchronized void acknowledge(List<WorkerEvent> delivered) {
        for (WorkerEvent event : delivered) {
            if (pending.peekFirst() == event) {
                pending.pollFirst();
            }
        }
    }

    public synchronized int size() {
        return pending.size();
    }

    public long dropped() {
        return dropped.sum();
    }

    private synchronized void append(WorkerEvent event) {
        if (pending.size() >= capacity) {
            pending.pollFirst();
            dropped.increment();
            if (dropped.sum() == 1 || dropped.sum() % 10_000 == 0) {
                LOG.warnf("room-service has not taken events for a long time: %d oldest events dropped so far", dropped.sum());
            }
        }
        pending.addLast(event);
    }

    private WorkerEvent event(String type, Room room, Participant participant, PublishedTrack track,
                              ParticipantTraffic.Totals traffic, String reason) {
        return new WorkerEvent(runId + "-" + sequence.incrementAndGet(), type, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                room.tenantId(), room.name(), participant.sid(), participant.identity(), participant.name(),
                participant.hidden() ? Boolean.TRUE : null,
                track == null ? null : new WorkerEvent.Track(track.sid(), track.kind(), track.source().wireName()),
                traffic, reason);
    }
}
