package io.cpaas.room.token.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.room.security.CurrentCaller;
import io.cpaas.room.token.service.RoomTokenService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/rooms/{room}/tokens: the customer's back end mints a token for one of its users. */
@Path("/v1/rooms/{room}/tokens")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Room tokens")
public class RoomTokenResource {

    private final RoomTokenService tokens;
    private final CurrentCaller caller;

    public RoomTokenResource(RoomTokenService tokens, CurrentCaller caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Mint a room token (tokens:create); the room need not exist yet")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RoomTokenView.class)))
    public Response mint(@PathParam("room") String room, @NotNull @Valid RoomTokenRequest body) {
        RoomTokenView token = tokens.mint(caller.require(Scope.TOKENS_CREATE).tenantId(), room, body);
        return Response.status(201).entity(token).header("Cache-Control", "no-store").build();
    }
}
