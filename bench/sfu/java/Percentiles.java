import java.util.List;

/** p50, p99 and max of a few thousand durations (join steps), in milliseconds; exact, by sorting. */
record Percentiles(int count, double p50, double p99, double max) {

    static Percentiles of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).filter(n -> n > 0).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.length, at(sorted, 0.5), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
