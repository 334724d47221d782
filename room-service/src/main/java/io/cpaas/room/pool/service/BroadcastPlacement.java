package io.cpaas.room.pool.service;

import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.persistence.RoomEdgeRepository;
import io.cpaas.room.pool.persistence.WorkerRepository;
import io.cpaas.room.room.Room;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a viewer of a broadcast room goes: an edge of the room, so that the origin sends each track
 * once per edge instead of once per viewer. In order: an edge of the room below
 * {@code viewersPerEdge} viewers with capacity (the emptiest); a new edge on the best worker that is
 * neither the origin nor an edge of the room; an edge with capacity past the target; the origin
 * (a pool of one worker, or nothing else left). Callers hold the room's row lock, so racing joins
 * see each other's edges and never open two where one suffices.
 */
@ApplicationScoped
public class BroadcastPlacement {

    private final RoomAllocator allocator;
    private final RoomEdgeRepository edges;
    private final WorkerRepository workers;
    private final WorkerPoolService pool;
    private final int viewersPerEdge;

    public BroadcastPlacement(RoomAllocator allocator, RoomEdgeRepository edges, WorkerRepository workers, WorkerPoolService pool,
                              RoomServiceConfig config) {
        this.allocator = allocator;
        this.edges = edges;
        this.workers = workers;
        this.pool = pool;
        this.viewersPerEdge = config.broadcast().viewersPerEdge();
    }

    /** Where a viewer lands: {@code origin} is null when it lands on the origin itself. */
    public record Placement(Worker worker, Worker origin) {
        public boolean onEdge() {
            return origin != null;
        }
    }

    /** Places a viewer of a locked broadcast room (the caller reserves its place once the join commits). */
    public Placement placeViewer(Room lockedRoom, Instant now) {
        Worker origin = allocator.host(lockedRoom, now);
        Instant healthySince = pool.healthySince();
        edges.forgetStale(lockedRoom.id(), origin.id());
        List<RoomEdgeRepository.Edge> live = edges.live(lockedRoom.id(), origin.id(), healthySince, now);
        Optional<Worker> chosen = live.stream().filter(e -> e.viewers() < viewersPerEdge && e.hasCapacity())
                .min(Comparator.comparingInt(RoomEdgeRepository.Edge::viewers)).map(RoomEdgeRepository.Edge::worker);
        if (chosen.isEmpty()) {
            List<String> taken = new ArrayList<>(edges.workerIds(lockedRoom.id()));
            taken.add(origin.id());
            chosen = workers.bestExcept(lockedRoom.region(), healthySince, taken);
            chosen.ifPresent(edge -> edges.open(lockedRoom.id(), edge.id(), origin.id(), now));
        }
        if (chosen.isEmpty()) {
            chosen = live.stream().filter(RoomEdgeRepository.Edge::hasCapacity)
                    .min(Comparator.comparingInt(RoomEdgeRepository.Edge::viewers)).map(RoomEdgeRepository.Edge::worker);
        }
        Worker worker = chosen.orElse(origin);
        return new Placement(worker, worker.id().equals(origin.id()) ? null : origin);
    }
}
