package io.cpaas.room.usage.rest;

import io.cpaas.room.usage.UsageBucket;
import io.cpaas.room.usage.service.UsageService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * GET /v1/usage: per bucket and in total. Seconds are exact (millisecond precision), so buckets add
 * up to the totals and to the sessions behind them; minutes are the same rounded for display.
 */
public record UsageView(Instant from, Instant to, String granularity, List<Bucket> buckets, Totals totals) {

    public static UsageView of(UsageService.UsageReport report) {
        return new UsageView(report.from(), report.to(), report.granularity().wireName(),
                report.buckets().stream().map(b -> Bucket.of(b, report.granularity().next(b.start()))).toList(),
                Totals.of(report.totals()));
    }

    /** Usage in [start, end). */
    public record Bucket(Instant start, Instant end, BigDecimal participantSeconds, BigDecimal participantMinutes,
                         BigDecimal roomSeconds, BigDecimal roomMinutes, int peakConcurrentParticipants, long bytesIn,
                         long bytesOut, long turnCredentialsIssued) {

        static Bucket of(UsageBucket bucket, Instant end) {
            return new Bucket(bucket.start(), end, seconds(bucket.participantMillis()), minutes(bucket.participantMillis()),
                    seconds(bucket.roomMillis()), minutes(bucket.roomMillis()), bucket.peakParticipants(), bucket.bytesIn(),
                    bucket.bytesOut(), bucket.turnCredentials());
        }
    }

    /** Sums over the buckets; the peak is the highest bucket's. */
    public record Totals(BigDecimal participantSeconds, BigDecimal participantMinutes, BigDecimal roomSeconds,
                         BigDecimal roomMinutes, int peakConcurrentParticipants, long bytesIn, long bytesOut,
                         long turnCredentialsIssued) {

        static Totals of(UsageBucket total) {
            return new Totals(seconds(total.participantMillis()), minutes(total.participantMillis()), seconds(total.roomMillis()),
                    minutes(total.roomMillis()), total.peakParticipants(), total.bytesIn(), total.bytesOut(), total.turnCredentials());
        }
    }

    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    static BigDecimal minutes(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP);
    }
}
