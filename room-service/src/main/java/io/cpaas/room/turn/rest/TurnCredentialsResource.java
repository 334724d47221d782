package io.cpaas.room.turn.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.turn.TurnCredentials;
import io.cpaas.room.security.CurrentCaller;
import io.cpaas.room.turn.service.TurnService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/turn/credentials: short-lived TURN credentials in RTCIceServer shape. */
@Path("/v1/turn/credentials")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "TURN")
public class TurnCredentialsResource {

    private final TurnService turn;
    private final CurrentCaller caller;

    public TurnCredentialsResource(TurnService turn, CurrentCaller caller) {
        this.turn = turn;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Issue TURN credentials (turn:create); username is expiry:tenant:identity")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = io.cpaas.api.turn.TurnCredentials.class)))
    public Response issue(@NotNull @Valid TurnCredentialsRequest body) {
        TurnCredentials credentials = turn.issue(caller.require(Scope.TURN_CREATE).tenantId(), body.identity(),
                body.ttl() == null ? null : Duration.ofSeconds(body.ttl()));
        return Response.status(201).entity(credentials).header("Cache-Control", "no-store").build();
    }
}
