package io.cpaas.tenant.console.view;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console's templates write times, durations and byte counts (UTC, like the API). */
@TemplateExtension(namespace = "fmt")
public final class ConsoleFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    static String utc(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** A bucket's start as its granularity reads best. */
    static String bucket(Instant instant, String granularity) {
        return instant == null ? "" : ("hour".equals(granularity) ? HOUR : DAY).format(instant);
    }

    /** How long since {@code since}, as "2 h 05 min" or "45 s". */
    static String since(Instant since) {
        if (since == null) {
            return "—";
        }
        return duration(Duration.between(since, Instant.now()));
    }

    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + String.format(Locale.ROOT, "%02d", seconds % 60) + " s";
        }
        return minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
    }

    /** Bytes in binary units: 1.5 MiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
