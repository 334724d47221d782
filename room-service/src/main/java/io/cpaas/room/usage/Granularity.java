package io.cpaas.room.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The size of usage buckets, UTC-aligned, and how many a report may hold. */
public enum Granularity {
    HOUR("hour", ChronoUnit.HOURS, 24 * 31),
    DAY("day", ChronoUnit.DAYS, 366);

    private final String wireName;
    private final ChronoUnit unit;
    private final int maxBuckets;

    Granularity(String wireName, ChronoUnit unit, int maxBuckets) {
        this.wireName = wireName;
        this.unit = unit;
        this.maxBuckets = maxBuckets;
    }

    public String wireName() {
        return wireName;
    }

    public int maxBuckets() {
        return maxBuckets;
    }

    public Instant floor(Instant at) {
        return at.truncatedTo(unit);
    }

    public Instant ceil(Instant at) {
        Instant floor = floor(at);
        return floor.equals(at) ? at : next(floor);
    }

    public Instant next(Instant bucket) {
        return bucket.plus(1, unit);
    }

    public static Optional<Granularity> fromWireName(String value) {
        for (Granularity granularity : values()) {
            if (granularity.wireName.equals(value)) {
                return Optional.of(granularity);
            }
        }
        return Optional.empty();
    }
}
