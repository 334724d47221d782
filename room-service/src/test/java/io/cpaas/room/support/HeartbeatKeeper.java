package io.cpaas.room.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a simulated worker alive: heartbeats listing its connected participants every 500 ms, as a
 * real worker does, so that a test slower than the silence limit (a browser session, a loaded
 * machine) does not see it declared unhealthy. A beat that gets no answer is simply missed, as a
 * worker would miss it while room-service is down; it counts what came back. Close it to stop.
 */
public final class HeartbeatKeeper implements AutoCloseable {

    private static final long PERIOD_MILLIS = 500;
    /** A worker gives a heartbeat up after a while (sfu-worker: 3 s); the next one is due anyway. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-heartbeats");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong lastAcceptedAt = new AtomicLong();
    private final AtomicLong longestGapMillis = new AtomicLong();
    private volatile String lastFailure;

    private HeartbeatKeeper(String workerId, List<String> participantSids) {
        timer.scheduleAtFixedRate(() -> beat(workerId, participantSids), 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    public static HeartbeatKeeper start(String workerId, List<String> participantSids) {
        return new HeartbeatKeeper(workerId, participantSids);
    }

    private void beat(String workerId, List<String> participantSids) {
        int status;
        try {
            status = Platform.sendHeartbeat(workerId, participantSids, TIMEOUT).statusCode();
        } catch (Exception noAnswer) {
            // Room-service down or killed mid-answer: the next beat tries again. Exception, not
            // RuntimeException: RestAssured throws IOExceptions undeclared, and one escaping would
            // silently end the schedule, leaving the worker to be declared dead.
            unanswered.incrementAndGet();
            lastFailure = noAnswer.toString();
            return;
        }
        if (status == 200) {
            long now = System.nanoTime();
            long last = lastAcceptedAt.getAndSet(now);
            if (last != 0) {
                longestGapMillis.accumulateAndGet((now - last) / 1_000_000, Math::max);
            }
            accepted.incrementAndGet();
        } else if (status == 404) {
            refused.incrementAndGet();
        } else {
            unanswered.incrementAndGet();
            lastFailure = "status " + status;
        }
    }

    public long accepted() {
        return accepted.get();
    }

    /** Beats answered 404: room-service had declared the worker gone and told it to register again. */
    public long refused() {
        return refused.get();
    }

    /** Beats with no answer or an error status. */
    public long unanswered() {
        return unanswered.get();
    }

    /** The longest time between two accepted beats so far. */
    public long longestGapMillis() {
        return longestGapMillis.get();
    }

    @Override
    public String toString() {
        return "heartbeats: " + accepted + " accepted, " + refused + " refused, " + unanswered + " unanswered (last: "
                + lastFailure + "), longest gap " + longestGapMillis + " ms";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
