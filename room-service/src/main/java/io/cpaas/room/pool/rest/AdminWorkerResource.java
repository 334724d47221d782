package io.cpaas.room.pool.rest;

import io.cpaas.room.pool.Worker;
import io.cpaas.room.pool.service.WorkerPoolService;
import io.cpaas.room.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/admin/workers: the worker pool for platform admins (Keycloak). */
@Path("/v1/admin/workers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
@SecurityRequirement(name = "keycloak")
public class AdminWorkerResource {

    private final WorkerPoolService pool;
    private final CurrentCaller caller;

    public AdminWorkerResource(WorkerPoolService pool, CurrentCaller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The worker pool: state, capacity and last reported load of each worker (platform admins)")
    public WorkerList list() {
        caller.requirePlatformAdmin();
        return new WorkerList(pool.all());
    }

    @POST
    @Path("/{workerId}/drain")
    @Operation(summary = "Drain a worker: it keeps its rooms and takes no new ones (platform admins)")
    @APIResponse(responseCode = "204", description = "Done")
    public Response drain(@PathParam("workerId") String workerId) {
        caller.requirePlatformAdmin();
        pool.drain(workerId);
        return Response.noContent().build();
    }

    /** The pool's workers. */
    public record WorkerList(List<Worker> items) {
    }
}
