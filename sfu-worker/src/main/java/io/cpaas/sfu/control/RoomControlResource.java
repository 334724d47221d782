package io.cpaas.sfu.control;

import io.cpaas.rest.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The worker's control API for room-service, behind the cluster secret like every /internal/ path
 * (rest-common's InternalApiFilter). Rooms are addressed by tenant and name, as join tickets name them.
 */
@Path("/internal/v1/rooms/{tenantId}/{room}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomControlResource {

    private final ParticipantControl control;

    public RoomControlResource(ParticipantControl control) {
        this.control = control;
    }

    @GET
    @Path("/participants")
    public ParticipantList list(@PathParam("tenantId") String tenantId, @PathParam("room") String room) {
        return new ParticipantList(control.list(tenantId, room));
    }

    @DELETE
    @Path("/participants/{identity}")
    public ParticipantInfo remove(@PathParam("tenantId") String tenantId, @PathParam("room") String room,
                                  @PathParam("identity") String identity) {
        return control.remove(tenantId, room, identity);
    }

    @POST
    @Path("/participants/{identity}/mute")
    public ParticipantInfo.TrackInfo mute(@PathParam("tenantId") String tenantId, @PathParam("room") String room,
                                          @PathParam("identity") String identity, @NotNull @Valid ServerMute body) {
        return control.mute(tenantId, room, identity, body.trackSid(), body.muted());
    }

    @PATCH
    @Path("/participants/{identity}")
    public ParticipantInfo update(@PathParam("tenantId") String tenantId, @PathParam("room") String room,
                                  @PathParam("identity") String identity, @NotNull @Valid ParticipantChange body) {
        return control.update(tenantId, room, identity, body);
    }

    @DELETE
    public Response close(@PathParam("tenantId") String tenantId, @PathParam("room") String room) {
        if (!control.closeRoom(tenantId, room)) {
            throw ProblemException.notFound("Room " + room + " on this worker");
        }
        return Response.noContent().build();
    }

    /** The participants of a room hosted here. */
    public record ParticipantList(List<ParticipantInfo> items) {
    }
}
