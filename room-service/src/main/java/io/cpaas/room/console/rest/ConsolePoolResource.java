package io.cpaas.room.console.rest;

import io.cpaas.room.console.persistence.ConsoleQueries;
import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.service.WorkerPoolService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Internal: the worker pool for the console's platform-admin pages (tenant-service checked the role).
 * Guarded by the cluster secret, hidden from the public contract.
 */
@Path("/internal/v1/console/workers")
@Produces(MediaType.APPLICATION_JSON)
public class ConsolePoolResource {

    private final WorkerPoolService pool;
    private final ConsoleQueries queries;

    public ConsolePoolResource(WorkerPoolService pool, ConsoleQueries queries) {
        this.pool = pool;
        this.queries = queries;
    }

    @GET
    @Operation(hidden = true)
    public PoolWorkers list() {
        Map<String, Integer> rooms = queries.roomsPerWorker();
        return new PoolWorkers(pool.all().stream().map(worker -> new PoolWorker(worker, rooms.getOrDefault(worker.id(), 0))).toList());
    }

    @POST
    @Path("/{workerId}/drain")
    @Operation(hidden = true)
    public Response drain(@PathParam("workerId") String workerId) {
        pool.drain(workerId);
        return Response.noContent().build();
    }

    /** The pool's workers with their live rooms counted. */
    public record PoolWorkers(List<PoolWorker> items) {
    }

    /** A worker and how many live rooms it hosts. */
    public record PoolWorker(Worker worker, int rooms) {
    }
}
