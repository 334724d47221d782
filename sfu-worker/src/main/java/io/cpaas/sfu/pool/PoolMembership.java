package io.cpaas.sfu.pool;

import io.cpaas.sfu.events.EventReporter;
import io.cpaas.sfu.room.RoomRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps this worker in room-service's pool: registers at start (retrying while room-service is
 * away), heartbeats its load, registers again when room-service no longer knows it, learns when it
 * is draining, and deregisters on a graceful stop.
 */
@ApplicationScoped
public class PoolMembership {

    private static final Logger LOG = Logger.getLogger(PoolMembership.class);

    private final RoomServiceClient roomService;
    private final RoomRegistry rooms;
    private final EventReporter events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pool-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean registered;
    private volatile boolean draining;
    private volatile Duration interval = Duration.ofSeconds(2);

    public PoolMembership(RoomServiceClient roomService, RoomRegistry rooms, EventReporter events) {
        this.roomService = roomService;
        this.rooms = rooms;
        this.events = events;
    }

    void start(@Observes StartupEvent event) {
        timer.execute(this::tick);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        rooms.closeAll("worker_stopping", "the worker is stopping");
        try {
            events.flush();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not send the last %d events to room-service: %s", events.pending(), e.getMessage());
        }
        if (registered) {
            try {
                roomService.deregister();
                LOG.info("deregistered from the pool");
            } catch (IOException e) {
                LOG.warnf("could not deregister (room-service will notice the silence): %s", e.getMessage());
            }
        }
    }

    public boolean isDraining() {
        return draining;
    }

    public boolean isRegistered() {
        return registered;
    }

    private void tick() {
        try {
            if (!registered) {
                interval = roomService.register();
                registered = true;
                LOG.infof("registered with room-service; heartbeat every %d ms", interval.toMillis());
            }
            // Events first: room-service then reconciles the heartbeat's participant list against them.
            events.flush();
            var answer = roomService.heartbeat(load());
            if (answer.isEmpty()) {
                // room-service forgot us (declared us unhealthy or restarted clean): our rooms were released.
                LOG.warn("room-service no longer knows this worker: closing its rooms and registering again");
                registered = false;
                rooms.closeAll("worker_released", "worker re-registering");
            } else {
                draining = "draining".equals(answer.get().state());
                if (!answer.get().evict().isEmpty()) {
                    rooms.evict(answer.get().evict(), "removed by room-service (room ended or session replaced)");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("room-service unreachable, retrying: %s", e.getMessage());
        }
        if (!timer.isShutdown()) {
            timer.schedule(this::tick, registered ? interval.toMillis() : 1000, TimeUnit.MILLISECONDS);
        }
    }

    private WorkerLoadReport load() {
        double cpu = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = Math.max(0, Math.min(1, os.getProcessCpuLoad()));
        }
        return new WorkerLoadReport(cpu, rooms.participantCount(), rooms.tracksIn(), rooms.tracksOut(), 0, rooms.participantSids());
    }
}
