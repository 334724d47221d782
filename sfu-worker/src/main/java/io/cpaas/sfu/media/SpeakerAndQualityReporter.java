package io.cpaas.sfu.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.sfu.room.ActiveSpeakerDetector;
import io.cpaas.sfu.room.ConnectionQualityMonitor;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.signal.SharedMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Tells each room who is speaking and how well everyone is connected (docs/signaling.md,
 * `activeSpeakers` and `connectionQuality`). Every {@link #TICK_MILLIS} ms it samples the audio
 * level of every participant ({@link AudioLevelTracker}) into its room's
 * {@link ActiveSpeakerDetector}; every {@link #QUALITY_EVERY_TICKS} ticks it takes every
 * participant's {@link LinkStatistics} to its room's {@link ConnectionQualityMonitor}. A room hears
 * a frame when what it says changed, and every {@link #RESEND_EVERY_TICKS} ticks the latest ones
 * again: a client that missed one (it came in before the client knew the participant it names, or
 * the socket was replaced in between) would otherwise be wrong until the next change, which for a
 * steady speaker never comes. The room hears the qualities of those who publish; one who publishes
 * nothing hears its own, when it changes ({@link ConnectionQualityMonitor}), so a broadcast's viewers
 * are not each sent every other viewer's quality. Hidden participants are neither listed nor measured.
 *
 * <p>Its own thread: the media path only writes the trackers' counters and never waits for this.
 */
@ApplicationScoped
@Startup
public class SpeakerAndQualityReporter {

    private static final Logger LOG = Logger.getLogger(SpeakerAndQualityReporter.class);
    static final long TICK_MILLIS = 400;
    /** Quality every 2 s: receiver reports come about once a second, and a quality should not flicker. */
    static final int QUALITY_EVERY_TICKS = 5;
    /** The latest frames again every 4 s: a few dozen bytes per speaker or publisher, and clients apply repeats silently. */
    static final int RESEND_EVERY_TICKS = 10;

    private final ObjectMapper json;
    private final RoomRegistry rooms;
    private final Map<Room, RoomState> states = new IdentityHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "speakers-and-quality");
        thread.setDaemon(true);
        return thread;
    });
    private long ticks;

    public SpeakerAndQualityReporter(ObjectMapper json, RoomRegistry rooms) {
        this.json = json;
        this.rooms = rooms;
        timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private void tick() {
        try {
            boolean quality = ++ticks % QUALITY_EVERY_TICKS == 0;
            boolean resend = ticks % RESEND_EVERY_TICKS == 0;
            List<Room> hosted = rooms.rooms();
            Set<Room> current = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            current.addAll(hosted);
            states.keySet().retainAll(current);
            long now = System.nanoTime();
            for (Room room : hosted) {
                RoomState state = states.computeIfAbsent(room, r -> new RoomState());
                reportSpeakers(room, state);
                if (quality) {
                    reportQuality(room, state, now);
                }
                if (resend) {
                    resendLatest(room, state);
                } else {
                    informNewcomers(room, state);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "speaker and quality reporting failed");
        }
    }

    /** What one room was told last, and who has heard it. */
    private static final class RoomState {
        final ActiveSpeakerDetector speakers = new ActiveSpeakerDetector();
        final ConnectionQualityMonitor quality = new ConnectionQualityMonitor();
        SharedMessage lastSpeakers;
        SharedMessage lastQuality;
        final Set<Participant> informed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** A participant that joined after the room heard the speakers or the qualities gets them now. */
    private void informNewcomers(Room room, RoomState state) {
        // retainAll against the room's own collection would scan it once per participant, every tick.
        Set<Participant> present = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        present.addAll(room.participants());
        state.informed.retainAll(present);
        for (Participant participant : present) {
            if (state.informed.add(participant)) {
                if (state.lastSpeakers != null && !state.lastSpeakers.message().path("speakers").isEmpty()) {
                    participant.channel().send(state.lastSpeakers);
                }
                if (state.lastQuality != null) {
                    participant.channel().send(state.lastQuality);
                }
            }
        }
    }

    /** The latest speakers and qualities to everyone, whether or not they heard them. */
    private static void resendLatest(Room room, RoomState state) {
        if (state.lastSpeakers != null) {
            broadcast(room, state, state.lastSpeakers);
        }
        if (state.lastQuality != null) {
            broadcast(room, state, state.lastQuality);
        }
    }

    private void reportSpeakers(Room room, RoomState state) {
        List<ActiveSpeakerDetector.Level> levels = new ArrayList<>();
        for (Participant participant : room.participants()) {
            ParticipantMedia media = participant.media();
            if (media != null && !participant.hidden()) {
                levels.add(new ActiveSpeakerDetector.Level(participant.sid(), participant.identity(), media.audioLevel().sample()));
            }
        }
        List<ActiveSpeakerDetector.Speaker> changed = state.speakers.update(levels);
        if (changed == null) {
            return;
        }
        ObjectNode message = json.createObjectNode().put("type", "activeSpeakers");
        ArrayNode list = message.putArray("speakers");
        for (ActiveSpeakerDetector.Speaker speaker : changed) {
            list.addObject().put("sid", speaker.sid()).put("identity", speaker.identity())
                    .put("level", Math.round(speaker.level() * 10_000) / 10_000.0);
        }
        state.lastSpeakers = new SharedMessage(message);
        broadcast(room, state, state.lastSpeakers);
    }

    private void reportQuality(Room room, RoomState state, long now) {
        List<ConnectionQualityMonitor.Measurement> measurements = new ArrayList<>();
        Map<String, Participant> measured = new HashMap<>();
        for (Participant participant : room.participants()) {
            ParticipantMedia media = participant.media();
            if (media == null || participant.hidden()) {
                continue;
            }
            long silent = silentNanos(media, now);
            if (silent < 0) {
                continue; // no media connection up yet: nothing to judge
            }
            LinkStatistics link = media.linkStatistics();
            measurements.add(new ConnectionQualityMonitor.Measurement(participant.sid(), participant.identity(),
                    !participant.tracks().isEmpty(), link.loss(), link.jitterMillis(), link.roundTripMillis(), silent));
            measured.put(participant.sid(), participant);
            LOG.debugf("quality of %s: uplink loss %.3f downlink loss %.3f jitter %.1f ms rtt %.0f ms silent %d ms", participant.identity(),
                    link.uplinkLoss(), link.downlinkLoss(), link.jitterMillis(), link.roundTripMillis(), silent / 1_000_000);
        }
        ConnectionQualityMonitor.Announcement announcement = state.quality.update(measurements);
        if (announcement.toRoom() != null) {
            // Nobody publishing: nothing for the room to hear, nor to repeat.
            state.lastQuality = announcement.toRoom().isEmpty() ? null : new SharedMessage(qualityFrame(announcement.toRoom()));
            if (state.lastQuality != null) {
                broadcast(room, state, state.lastQuality);
            }
        }
        for (ConnectionQualityMonitor.Update own : announcement.toThemselves()) {
            measured.get(own.sid()).channel().send(qualityFrame(List.of(own)));
        }
    }

    private ObjectNode qualityFrame(List<ConnectionQualityMonitor.Update> updates) {
        ObjectNode message = json.createObjectNode().put("type", "connectionQuality");
        ArrayNode list = message.putArray("updates");
        for (ConnectionQualityMonitor.Update update : updates) {
            list.addObject().put("sid", update.sid()).put("identity", update.identity()).put("quality", update.quality().wireName());
        }
        return message;
    }

    /** To everyone in the room; they count as informed of it. */
    private static void broadcast(Room room, RoomState state, SharedMessage message) {
        for (Participant participant : room.participants()) {
            participant.channel().send(message);
            state.informed.add(participant);
        }
    }

    /** How long none of the participant's connected peer connections was heard from; -1 when none is connected. */
    private static long silentNanos(ParticipantMedia media, long now) {
        long heard = Long.MIN_VALUE;
        for (PeerConnection connection : new PeerConnection[] {media.publishConnection(), media.subscribeConnection()}) {
            if (connection != null && connection.isConnected()) {
                heard = Math.max(heard, connection.lastHeardNanos());
            }
        }
        return heard == Long.MIN_VALUE ? -1 : Math.max(0, now - heard);
    }
}
