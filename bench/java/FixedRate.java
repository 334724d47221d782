import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Open-loop load at a constant rate. Request i is due at start + i/rate; each latency is measured
 * from that due time, not from when a connection got round to sending it, so a stalled service is
 * charged for the requests it held back (no coordinated omission). A pool of connections, one
 * thread each, takes due requests in order; it only needs to be larger than rate x latency.
 */
final class FixedRate {

    /** What one run measured; latencies in nanoseconds, -1 for requests never sent (time bound hit). */
    record Result(long[] latencies, long errors, Map<Integer, Long> statuses, String firstError, double seconds,
                  long sent) {

        long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        /** One "RESULT name key=value ..." line for the shell scripts, latencies in milliseconds. */
        String line(String name) {
            long[] sorted = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
            return String.format(Locale.ROOT,
                    "RESULT %s sent=%d ok=%d errors=%d rate=%.1f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f statuses=%s",
                    name, sent, sent - errors, errors, sent / seconds, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)),
                    ms(percentile(sorted, 99)), ms(percentile(sorted, 99.9)),
                    ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), statuses.toString().replace(" ", ""));
        }

        /** Writes "due time in ms since start, latency in ms" a line per request, for looking at stalls over time. */
        void writeLog(String file, int rate) throws java.io.IOException {
            try (java.io.PrintWriter out = new java.io.PrintWriter(file)) {
                for (int i = 0; i < latencies.length; i++) {
                    out.printf(Locale.ROOT, "%.3f %.3f%n", i * 1000.0 / rate, ms(latencies[i]));
                }
            }
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    private FixedRate() {
    }

    /**
     * Sends {@code rate * seconds} requests to 127.0.0.1:port; a request counts as an error unless its
     * status is {@code okStatus}. Stops sending at {@code seconds + 10} whatever happens.
     */
    static Result run(int port, int rate, int seconds, int connections, int okStatus, LongFunction<byte[]> requestFor)
            throws InterruptedException {
        long total = (long) rate * seconds;
        long[] latencies = new long[(int) total];
        Arrays.fill(latencies, -1);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        Map<Integer, Long> statuses = new TreeMap<>();
        String[] firstError = {null};
        double periodNanos = 1e9 / rate;
        long start = System.nanoTime() + 50_000_000L;
        long hardStop = start + (seconds + 10L) * 1_000_000_000L;

        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            threads[t] = new Thread(() -> {
                try (HttpConn conn = new HttpConn("127.0.0.1", port)) {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + (long) (i * periodNanos);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() > hardStop) {
                            break;
                        }
                        int status;
                        String error = null;
                        try {
                            HttpConn.Response response = conn.send(requestFor.apply(i));
                            status = response.status();
                            if (status != okStatus) {
                                error = status + " " + response.text();
                            }
                        } catch (Exception e) {
                            status = 0;
                            error = e.toString();
                            conn.close();
                        }
                        latencies[(int) i] = System.nanoTime() - due;
                        sent.incrementAndGet();
                        synchronized (statuses) {
                            statuses.merge(status, 1L, Long::sum);
                            if (error != null) {
                                errors.incrementAndGet();
                                if (firstError[0] == null) {
                                    firstError[0] = error.length() > 300 ? error.substring(0, 300) : error;
                                }
                            }
                        }
                    }
                }
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return new Result(latencies, errors.get(), statuses, firstError[0], elapsed, sent.get());
    }
}
