package io.cpaas.sfu.relay;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * room-service asks an edge to relay a broadcast room from its origin before it sends a viewer
 * there (cluster secret, like every /internal/ path). Idempotent: a room relayed already from that
 * origin stays as it is. 503 when the origin cannot be reached.
 */
@Path("/internal/v1/rooms/{tenantId}/{room}/relay")
@Consumes(MediaType.APPLICATION_JSON)
public class RelayControlResource {

    private final EdgeRelay relay;

    public RelayControlResource(EdgeRelay relay) {
        this.relay = relay;
    }

    @PUT
    public Response relay(@PathParam("tenantId") String tenantId, @PathParam("room") String room, @NotNull @Valid RelaySource body) {
        try {
            relay.ensure(tenantId, room, body.originWorkerId(), body.originControlUrl());
        } catch (EdgeRelay.RelayUnavailableException e) {
            throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE, e.getMessage()), Duration.ofSeconds(2));
        }
        return Response.noContent().build();
    }

    /** Where the room's origin is. */
    public record RelaySource(@NotBlank @Size(max = 128) String originWorkerId,
                              @NotBlank @Size(max = 512) @Pattern(regexp = "^https?://.+") String originControlUrl) {
    }
}
