/**
 * End-to-end latencies in 10 µs buckets up to 200 ms (one overflow bucket above): recording is an
 * array increment, no allocation. One per receive thread; merged for the report.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 20_000;

    private final long[] counts = new long[BUCKETS + 1];
    private long total;
    private long maxNanos;

    void record(long nanos) {
        if (nanos < 0) {
            nanos = 0;
        }
        int bucket = (int) Math.min(BUCKETS, nanos / BUCKET_NANOS);
        counts[bucket]++;
        total++;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    long count() {
        return total;
    }

    /** The q-quantile in milliseconds (upper edge of its bucket), NaN when empty. */
    double quantileMillis(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == BUCKETS ? maxNanos / 1e6 : (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return maxNanos / 1e6;
    }

    double maxMillis() {
        return maxNanos / 1e6;
    }
}
