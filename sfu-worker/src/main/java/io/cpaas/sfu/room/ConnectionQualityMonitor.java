package io.cpaas.sfu.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection quality of every participant of one room, and whether the room must hear of a
 * change. A participant moves to a better quality only after {@link #STEPS_TO_IMPROVE} evaluations
 * in a row say so (one good second after a bad stretch is not recovery), and to a worse one at once.
 *
 * <p>Used by the room's quality task only (one thread).
 */
public final class ConnectionQualityMonitor {

    /** Nothing heard from a participant's connections for this long is a lost connection. */
    public static final long LOST_AFTER_NANOS = 4_000_000_000L;
    static final int STEPS_TO_IMPROVE = 2;

    private final Map<String, Tracked> participants = new HashMap<>();

    /** What the media layer measured of one participant's connection. */
    public record Measurement(String sid, String identity, double loss, double jitterMillis, double roundTripMillis,
            long silentNanos) {
    }

    /** One participant's quality as the room hears it. */
    public record Update(String sid, String identity, ConnectionQuality quality) {
    }

    /**
     * Takes one evaluation of every participant of the room; answers the quality of all of them when
     * any changed (or someone new appeared), null otherwise. Participants missing from
     * {@code measurements} are forgotten.
     */
    public List<Update> update(List<Measurement> measurements) {
        boolean changed = participants.keySet().removeIf(sid -> measurements.stream().noneMatch(m -> m.sid().equals(sid)));
        List<Update> all = new ArrayList<>();
        for (Measurement m : measurements) {
            ConnectionQuality measured = m.silentNanos() >= LOST_AFTER_NANOS
                    ? ConnectionQuality.LOST : ConnectionQuality.classify(m.loss(), m.jitterMillis(), m.roundTripMillis());
            Tracked tracked = participants.get(m.sid());
            if (tracked == null) {
                tracked = new Tracked(measured);
                participants.put(m.sid(), tracked);
                changed = true;
            } else if (measured.ordinal() > tracked.quality.ordinal()) {
                tracked.quality = measured;
                tracked.better = 0;
                changed = true;
            } else if (measured.ordinal() < tracked.quality.ordinal()) {
                if (++tracked.better >= STEPS_TO_IMPROVE) {
                    tracked.quality = measured;
                    tracked.better = 0;
                    changed = true;
                }
            } else {
                tracked.better = 0;
            }
            all.add(new Update(m.sid(), m.identity(), tracked.quality));
        }
        return changed ? all : null;
    }

    private static final class Tracked {
        ConnectionQuality quality;
        int better;

        Tracked(ConnectionQuality quality) {
            this.quality = quality;
        }
    }
}
