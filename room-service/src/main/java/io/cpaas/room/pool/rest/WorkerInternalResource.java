package io.cpaas.room.pool.rest;

import io.cpaas.room.pool.WorkerLoad;
import io.cpaas.room.pool.WorkerState;
import io.cpaas.room.pool.service.WorkerPoolService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Internal (cluster secret): workers register, heartbeat and leave; operators' tools drain them. */
@Path("/internal/v1/workers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkerInternalResource {

    private final WorkerPoolService pool;

    public WorkerInternalResource(WorkerPoolService pool) {
        this.pool = pool;
    }

    @POST
    @Operation(hidden = true)
    public RegistrationAnswer register(@NotNull @Valid WorkerRegistration body) {
        pool.register(body);
        return new RegistrationAnswer(WorkerState.ACTIVE, pool.heartbeatInterval().toMillis());
    }

    @POST
    @Path("/{workerId}/heartbeat")
    @Operation(hidden = true)
    public HeartbeatAnswer heartbeat(@PathParam("workerId") String workerId, @NotNull @Valid WorkerLoad body) {
        WorkerPoolService.Heartbeat heartbeat = pool.heartbeat(workerId, body);
        return new HeartbeatAnswer(heartbeat.state(), heartbeat.evict());
    }

    @POST
    @Path("/{workerId}/drain")
    @Operation(hidden = true)
    public Response drain(@PathParam("workerId") String workerId) {
        pool.drain(workerId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{workerId}")
    @Operation(hidden = true)
    public Response deregister(@PathParam("workerId") String workerId) {
        pool.deregister(workerId);
        return Response.noContent().build();
    }

    /** What a worker learns when it registers: its state and how often to heartbeat. */
    public record RegistrationAnswer(WorkerState state, long heartbeatIntervalMillis) {
    }

    /** What a worker learns on each heartbeat: whether it should drain, and whom to disconnect. */
    public record HeartbeatAnswer(WorkerState state, java.util.List<String> evict) {
    }
}
