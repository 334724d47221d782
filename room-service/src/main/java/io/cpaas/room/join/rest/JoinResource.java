package io.cpaas.room.join.rest;

import io.cpaas.room.join.service.JoinService;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * POST /v1/rtc/join: the SDK trades a room token for a worker, a join ticket and ICE servers. The
 * room token is checked here, not by the HTTP security layer, since it is ours and not Keycloak's.
 */
@Path("/v1/rtc/join")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Join")
public class JoinResource {

    private final JoinService joins;

    public JoinResource(JoinService joins) {
        this.joins = joins;
    }

    @POST
    @Operation(summary = "Join a room with a room token (Authorization: Bearer <room token>)")
    @SecurityRequirement(name = "roomToken")
    public JoinResponse join(@HeaderParam("Authorization") String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        return joins.join(token);
    }
}
