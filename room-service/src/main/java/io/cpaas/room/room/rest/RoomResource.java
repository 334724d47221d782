package io.cpaas.room.room.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.room.room.Room;
import io.cpaas.room.room.service.RoomService;
import io.cpaas.room.security.CurrentCaller;
import io.cpaas.room.security.TenantCaller;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/rooms: a tenant's rooms, addressed by name. */
@Path("/v1/rooms")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms")
public class RoomResource {

    private final RoomService rooms;
    private final CurrentCaller caller;

    public RoomResource(RoomService rooms, CurrentCaller caller) {
        this.rooms = rooms;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a room (rooms:write)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RoomView.class)))
    public Response create(@NotNull @Valid RoomCreateRequest body) {
        TenantCaller tenant = caller.require(Scope.ROOMS_WRITE);
        Room room = rooms.create(tenant.tenantId(), caller.limits(), body);
        return Response.created(URI.create("/v1/rooms/" + room.name())).entity(RoomView.of(room)).build();
    }

    @GET
    @Operation(summary = "List the tenant's rooms, oldest first (rooms:read)")
    public Page<RoomView> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                               @QueryParam("limit") Integer limit) {
        TenantCaller tenant = caller.require(Scope.ROOMS_READ);
        Page<Room> page = rooms.list(tenant.tenantId(), status, PageRequest.of(cursor, limit));
        return new Page<>(page.items().stream().map(RoomView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{room}")
    @Operation(summary = "Get a live room (rooms:read)")
    public RoomView get(@PathParam("room") String room) {
        return RoomView.of(rooms.get(caller.require(Scope.ROOMS_READ).tenantId(), room));
    }

    @DELETE
    @Path("/{room}")
    @Operation(summary = "End a room now (rooms:write)")
    @APIResponse(responseCode = "204", description = "Done")
    public Response end(@PathParam("room") String room) {
        rooms.end(caller.require(Scope.ROOMS_WRITE).tenantId(), room);
        return Response.noContent().build();
    }
}
