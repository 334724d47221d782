package io.cpaas.room.events.service;

import io.cpaas.room.events.WorkerEvent;
import io.cpaas.room.events.persistence.WorkerEventRepository;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.session.ParticipantSession;
import io.cpaas.room.session.persistence.TrackPublicationRepository;
import io.cpaas.room.session.service.SessionRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies a worker's events to sessions and usage, each event once: its id is recorded in the same
 * transaction as its effects, so a batch resent after a lost answer changes nothing the second time.
 */
@ApplicationScoped
public class WorkerEventService {

    private static final Logger LOG = Logger.getLogger(WorkerEventService.class);

    private final WorkerEventRepository events;
    private final ParticipantRepository participants;
    private final TrackPublicationRepository tracks;
    private final SessionRecorder sessions;
    private final Clock clock = Clock.systemUTC();

    public WorkerEventService(WorkerEventRepository events, ParticipantRepository participants,
                              TrackPublicationRepository tracks, SessionRecorder sessions) {
        this.events = events;
        this.participants = participants;
        this.tracks = tracks;
        this.sessions = sessions;
    }

    @Transactional
    public Outcome apply(String workerId, List<WorkerEvent> batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int applied = 0;
        int duplicates = 0;
        int skipped = 0;
        for (WorkerEvent event : batch) {
            if (!events.firstTime(event.id(), workerId, now)) {
                duplicates++;
                continue;
            }
            // A worker clock ahead of ours must not put usage in the future.
            Instant at = event.at().isAfter(now) ? now : event.at().truncatedTo(ChronoUnit.MILLIS);
            if (applyOne(event, at)) {
                applied++;
            } else {
                skipped++;
            }
        }
        return new Outcome(applied, duplicates, skipped);
    }

    /** How a batch went: events applied now, seen before, or not applicable (unknown type or participant). */
    public record Outcome(int applied, int duplicates, int skipped) {
    }

    private boolean applyOne(WorkerEvent event, Instant at) {
        String sid = event.participantSid();
        switch (event.type()) {
            case WorkerEvent.PARTICIPANT_JOINED -> {
                if (Boolean.TRUE.equals(event.hidden())) {
                    participants.markHidden(sid);
                }
                participants.connect(sid, at).ifPresent(sessions::participantConnected);
                return participants.find(sid).isPresent();
            }
            case WorkerEvent.PARTICIPANT_LEFT -> {
                boolean known = traffic(sid, event.traffic(), at);
                participants.leave(sid, at, event.reason() == null ? "disconnected" : event.reason())
                        .ifPresent(closed -> sessions.participantsLeft(List.of(closed)));
                return known;
            }
            case WorkerEvent.PARTICIPANT_TRAFFIC -> {
                return traffic(sid, event.traffic(), at);
            }
            case WorkerEvent.TRACK_PUBLISHED, WorkerEvent.TRACK_UNPUBLISHED -> {
                Optional<ParticipantSession> session = participants.find(sid);
                if (session.isEmpty() || event.track() == null) {
                    return false;
                }
                WorkerEvent.Track track = event.track();
                if (event.type().equals(WorkerEvent.TRACK_PUBLISHED)) {
                    tracks.publish(sid, track.sid(), track.kind(), track.source(), at)
                            .ifPresent(published -> sessions.trackPublished(session.get(), published));
                } else {
                    tracks.unpublish(sid, track.sid(), at)
                            .ifPresent(unpublished -> sessions.trackUnpublished(session.get(), unpublished));
                }
                return true;
            }
            default -> {
                LOG.debugf("skipping worker event of unknown type %s", event.type());
                return false;
            }
        }
    }

    private boolean traffic(String sid, WorkerEvent.Traffic traffic, Instant at) {
        if (traffic == null) {
            return participants.find(sid).isPresent();
        }
        return participants.raiseTraffic(sid, traffic.bytesIn(), traffic.bytesOut(), traffic.packetsIn(), traffic.packetsOut())
                .map(increase -> {
                    sessions.traffic(increase.tenantId(), at, increase.bytesIn(), increase.bytesOut());
                    return true;
                })
                .orElse(false);
    }
}
