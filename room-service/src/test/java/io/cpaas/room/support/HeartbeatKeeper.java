package io.cpaas.room.support;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a simulated worker alive: heartbeats listing its connected participants every 500 ms, as a
 * real worker does, so that a test slower than the silence limit (a browser session, a loaded
 * machine) does not see it declared unhealthy. Close it to stop.
 */
public final class HeartbeatKeeper implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    private HeartbeatKeeper(String workerId, List<String> participantSids) {
        timer.scheduleAtFixedRate(() -> {
            try {
                Platform.heartbeat(workerId, participantSids);
            } catch (RuntimeException | AssertionError missed) {
                // the next beat tries again, as a worker would
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    public static HeartbeatKeeper start(String workerId, List<String> participantSids) {
        return new HeartbeatKeeper(workerId, participantSids);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
