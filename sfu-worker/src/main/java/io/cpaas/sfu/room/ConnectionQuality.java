package io.cpaas.sfu.room;

/**
 * How well a participant's connection carries its media, as the room hears it (docs/signaling.md,
 * `connectionQuality`): from the loss, jitter and round-trip time the worker's RTCP reports show.
 *
 * <ul>
 * <li>{@code EXCELLENT}: loss ≤ 2 %, jitter ≤ 30 ms, round trip ≤ 250 ms;</li>
 * <li>{@code GOOD}: loss ≤ 8 %, jitter ≤ 60 ms, round trip ≤ 500 ms: video may stutter now and then;</li>
 * <li>{@code POOR}: worse than good: freezes, audio gaps, lower resolution;</li>
 * <li>{@code LOST}: nothing heard from it for {@link ConnectionQualityMonitor#LOST_AFTER_NANOS}.</li>
 * </ul>
 * Loss counts both ways (the worker's reception of what the participant sends, and the participant's
 * reports of what it receives); the worse direction decides.
 */
public enum ConnectionQuality {
    EXCELLENT("excellent"),
    GOOD("good"),
    POOR("poor"),
    LOST("lost");

    private final String wireName;

    ConnectionQuality(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The quality of a connection that is heard from, from its worse direction's loss (0 to 1),
     * jitter and round-trip time in milliseconds (negative: not known, e.g. a participant that only
     * publishes has no round trip measured).
     */
    public static ConnectionQuality classify(double loss, double jitterMillis, double roundTripMillis) {
        if (loss <= 0.02 && jitterMillis <= 30 && roundTripMillis <= 250) {
            return EXCELLENT;
        }
        if (loss <= 0.08 && jitterMillis <= 60 && roundTripMillis <= 500) {
            return GOOD;
        }
        return POOR;
    }
}
