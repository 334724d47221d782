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
 * thread each, takes due requests in order; it only needs to be larger than rate x latency. When it
 * is not, requests wait in the tool for a free connection: a queue that a population of independent
 * clients would not have, so the result counts them ({@code heldBack}).
 */
final class FixedRate {

    /**
     * What one run measured; latencies in nanoseconds, -1 for requests never sent (time bound hit);
     * {@code heldBack}: requests sent more than {@link #HELD_BACK_NANOS} after their due time because
     * every connection was busy.
     */
    record Result(long[] latencies, long errors, Map<Integer, Long> statuses, String firstError, double seconds,
                  long sent, long heldBack) {

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
                    "RESULT %s sent=%d ok=%d errors=%d held=%d rate=%.1f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f statuses=%s",
                    name, sent, sent - errors, errors, heldBack, sent / seconds, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)),
                    ms(percentile(sorted, 99)), ms(percentile(sorted, 99.9)),
                    ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), statuses.toString().replace(" ", ""));
        }

        /**
         * Writes "due time, latency in ms" a line per request, for looking at stalls over time; the due
         * time is in ms since the run began, or since the epoch when {@code startedAtMillis} is given.
         */
        void writeLog(String file, int rate, long startedAtMillis) throws java.io.IOException {
            try (java.io.PrintWriter out = new java.io.PrintWriter(file)) {
                for (int i = 0; i < latencies.length; i++) {
                    out.printf(Locale.ROOT, "%.3f %.3f%n", startedAtMillis + i * 1000.0 / rate, ms(latencies[i]));
                }
            }
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    static final long HELD_BACK_NANOS = 10_000_000L;

    private FixedRate() {
    }

    /**
     * Sends {@code rate * seconds} requests to 127.0.0.1:port over {@code connections} new connections;
     * a request counts as an error unless its status is {@code okStatus}. Stops sending at
     * {@code seconds + 10} whatever happens.
     */
    static Result run(int port, int rate, int seconds, int connections, int okStatus, LongFunction<byte[]> requestFor)
            throws InterruptedException {
        HttpConn[] pool = connections(port, connections);
        try {
            return run(pool, rate, seconds, okStatus, requestFor);
        } finally {
            for (HttpConn conn : pool) {
                conn.close();
            }
        }
    }

    /** {@code count} connections to 127.0.0.1:port, each opened when first used. */
    static HttpConn[] connections(int port, int count) {
        HttpConn[] pool = new HttpConn[count];
        for (int i = 0; i < count; i++) {
            pool[i] = new HttpConn("127.0.0.1", port);
        }
        return pool;
    }

    /**
     * The same over the caller's connections, left open for its next run: a load in several runs
     * does not reconnect all at once at the start of each, which no population of clients does.
     */
    static Result run(HttpConn[] connections, int rate, int seconds, int okStatus, LongFunction<byte[]> requestFor)
            throws InterruptedException {
        long total = (long) rate * seconds;
        long[] latencies = new long[(int) total];
        Arrays.fill(latencies, -1);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong heldBack = new AtomicLong();
        Map<Integer, Long> statuses = new TreeMap<>();
        String[] firstError = {null};
        double periodNanos = 1e9 / rate;
        long start = System.nanoTime() + 50_000_000L;
        long hardStop = start + (seconds + 10L) * 1_000_000_000L;

        Thread[] threads = new Thread[connections.length];
        for (int t = 0; t < connections.length; t++) {
            HttpConn conn = connections[t];
            threads[t] = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + (long) (i * periodNanos);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    long sendAt = System.nanoTime();
                    if (sendAt > hardStop) {
                        break;
                    }
                    if (sendAt - due > HELD_BACK_NANOS) {
                        heldBack.incrementAndGet();
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
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return new Result(latencies, errors.get(), statuses, firstError[0], elapsed, sent.get(), heldBack.get());
    }
}
