package io.cpaas.room.participant.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.page.Page;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.participant.LiveParticipant;
import io.cpaas.room.participant.service.ParticipantService;
import io.cpaas.room.security.CurrentCaller;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/rooms/{room}/participants: who is in a live room now, and removing, muting and changing them. */
@Path("/v1/rooms/{room}/participants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Participants")
public class ParticipantResource {

    private final ParticipantService participants;
    private final CurrentCaller caller;

    public ParticipantResource(ParticipantService participants, CurrentCaller caller) {
        this.participants = participants;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The participants connected to a live room now, hidden ones included and flagged (rooms:read)")
    public Page<LiveParticipant> list(@PathParam("room") String room) {
        return new Page<>(participants.list(caller.require(Scope.ROOMS_READ).tenantId(), room), null);
    }

    @DELETE
    @Path("/{identity}")
    @Operation(summary = "Remove a participant now: its connection closes (4002) and the room sees it leave (rooms:write)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("room") String room, @PathParam("identity") String identity,
                           @Parameter(description = "Also revoke the room token that admitted it, so that token cannot join again",
                                   schema = @Schema(type = SchemaType.BOOLEAN))
                           @QueryParam("revokeToken") String revokeToken) {
        participants.remove(caller.require(Scope.ROOMS_WRITE).tenantId(), room, identity, flag("revokeToken", revokeToken));
        return Response.noContent().build();
    }

    /** A boolean query parameter, strictly: absent is false, anything but true or false is refused. */
    private static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Query parameter '" + name + "' must be true or false")
                .withErrors(List.of(new Problem.FieldError(name, "must be true or false"))), null);
    }

    @POST
    @Path("/{identity}/mute")
    @Operation(summary = "Mute or unmute a participant's published track on the server: it stops or resumes being forwarded (rooms:write)")
    public LiveParticipant.Track mute(@PathParam("room") String room, @PathParam("identity") String identity,
                                      @NotNull @Valid MuteRequest body) {
        return participants.mute(caller.require(Scope.ROOMS_WRITE).tenantId(), room, identity, body);
    }

    @PATCH
    @Path("/{identity}")
    @Operation(summary = "Change a participant's name, metadata or permissions live; the room sees participantUpdated (rooms:write)")
    public LiveParticipant update(@PathParam("room") String room, @PathParam("identity") String identity,
                                  @NotNull @Valid ParticipantUpdateRequest body) {
        return participants.update(caller.require(Scope.ROOMS_WRITE).tenantId(), room, identity, body);
    }
}
