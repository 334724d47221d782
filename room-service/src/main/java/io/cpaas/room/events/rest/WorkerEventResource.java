package io.cpaas.room.events.rest;

import io.cpaas.room.events.WorkerEventBatch;
import io.cpaas.room.events.service.WorkerEventService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Internal (cluster secret): workers report what happened (joins, leaves, tracks, traffic) in batches. */
@Path("/internal/v1/workers/{workerId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkerEventResource {

    private final WorkerEventService events;

    public WorkerEventResource(WorkerEventService events) {
        this.events = events;
    }

    @POST
    @Operation(hidden = true)
    public WorkerEventService.Outcome report(@PathParam("workerId") String workerId, @NotNull @Valid WorkerEventBatch body) {
        return events.apply(workerId, body.events());
    }
}
