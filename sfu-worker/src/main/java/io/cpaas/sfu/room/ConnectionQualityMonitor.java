package io.cpaas.sfu.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection quality of every participant of one room, and who must hear of a change. A
 * participant moves to a better quality only after {@link #STEPS_TO_IMPROVE} evaluations in a row say
 * so (one good second after a bad stretch is not recovery), and to a worse one at once.
 *
 * <p>The room hears the qualities of the participants that publish, whose media the others see; one
 * that publishes nothing (a broadcast's viewer, a listener) hears only its own. So what a room of one
 * host and n viewers is told grows with n, not with n² as it would if everyone heard everyone.
 *
 * <p>Used by the room's quality task only (one thread).
 */
public final class ConnectionQualityMonitor {

    /** Nothing heard from a participant's connections for this long is a lost connection. */
    public static final long LOST_AFTER_NANOS = 4_000_000_000L;
    static final int STEPS_TO_IMPROVE = 2;

    private final Map<String, Tracked> participants = new HashMap<>();
    private List<Update> toldRoom = List.of();

    /** What the media layer measured of one participant's connection; {@code publishes}: it publishes a track. */
    public record Measurement(String sid, String identity, boolean publishes, double loss, double jitterMillis,
            double roundTripMillis, long silentNanos) {
    }

    /** One participant's quality as the room hears it. */
    public record Update(String sid, String identity, ConnectionQuality quality) {
    }

    /**
     * What one evaluation tells whom. {@code toRoom}: the quality of every participant that publishes,
     * by sid, when it differs from what the room was told last (a quality changed,
     * someone started or stopped publishing, came or went); null otherwise. {@code toThemselves}: the
     * participants that publish nothing whose quality changed (or was measured for the first time),
     * each to be told its own.
     */
    public record Announcement(List<Update> toRoom, List<Update> toThemselves) {
    }

    /** Takes one evaluation of every participant of the room; participants missing from it are forgotten. */
    public Announcement update(List<Measurement> measurements) {
        Set<String> measured = new HashSet<>();
        for (Measurement m : measurements) {
            measured.add(m.sid());
        }
        participants.keySet().retainAll(measured);
        List<Update> publishers = new ArrayList<>();
        List<Update> toThemselves = new ArrayList<>();
        for (Measurement m : measurements) {
            Update update = new Update(m.sid(), m.identity(), evaluate(m));
            if (m.publishes()) {
                publishers.add(update);
            } else if (participants.get(m.sid()).changed) {
                toThemselves.add(update);
            }
        }
        publishers.sort(java.util.Comparator.comparing(Update::sid));
        if (publishers.equals(toldRoom)) {
            return new Announcement(null, toThemselves);
        }
        toldRoom = List.copyOf(publishers);
        return new Announcement(toldRoom, toThemselves);
    }

    /** The participant's quality after this measurement; its tracked state says whether that changed. */
    private ConnectionQuality evaluate(Measurement m) {
        ConnectionQuality measured = m.silentNanos() >= LOST_AFTER_NANOS
                ? ConnectionQuality.LOST : ConnectionQuality.classify(m.loss(), m.jitterMillis(), m.roundTripMillis());
        Tracked tracked = participants.get(m.sid());
        if (tracked == null) {
            tracked = new Tracked(measured);
            participants.put(m.sid(), tracked);
            return measured;
        }
        tracked.changed = false;
        if (measured.ordinal() > tracked.quality.ordinal()) {
            tracked.quality = measured;
            tracked.better = 0;
            tracked.changed = true;
        } else if (measured.ordinal() < tracked.quality.ordinal()) {
            if (++tracked.better >= STEPS_TO_IMPROVE) {
                tracked.quality = measured;
                tracked.better = 0;
                tracked.changed = true;
            }
        } else {
            tracked.better = 0;
        }
        return tracked.quality;
    }

    private static final class Tracked {
        ConnectionQuality quality;
        int better;
        /** Whether the latest evaluation changed the quality (a newcomer's first one does). */
        boolean changed = true;

        Tracked(ConnectionQuality quality) {
            this.quality = quality;
        }
    }
}
