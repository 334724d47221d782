package io.cpaas.room.console.rest;

import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.console.LiveRoom;
import io.cpaas.room.console.PresentParticipant;
import io.cpaas.room.console.persistence.ConsoleQueries;
import io.cpaas.room.participant.LiveParticipant;
import io.cpaas.room.participant.service.ParticipantService;
import io.cpaas.room.room.rest.RoomView;
import io.cpaas.room.room.service.RoomService;
import io.cpaas.room.usage.rest.UsageView;
import io.cpaas.room.usage.service.UsageService;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.rest.WebhookDeliveryResource;
import io.cpaas.room.webhook.rest.WebhookDeliveryView;
import io.cpaas.room.webhook.service.WebhookDeliveryLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Internal: what the tenant console (tenant-service) shows of one tenant, which tenant-service names
 * explicitly after it has checked that its signed-in user may see that tenant. Guarded by the cluster
 * secret, hidden from the public contract; every answer is scoped to {@code tenantId} by the same
 * services the public API uses, so the numbers are the public API's.
 */
@Path("/internal/v1/console/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleTenantResource {

    private final UsageService usage;
    private final ConsoleQueries queries;
    private final RoomService rooms;
    private final ParticipantService participants;
    private final WebhookDeliveryLog deliveries;

    public ConsoleTenantResource(UsageService usage, ConsoleQueries queries, RoomService rooms, ParticipantService participants,
                                 WebhookDeliveryLog deliveries) {
        this.usage = usage;
        this.queries = queries;
        this.rooms = rooms;
        this.participants = participants;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/usage")
    @Operation(hidden = true)
    public UsageView usage(@PathParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("granularity") String granularity) {
        return UsageView.of(usage.report(tenantId, from, to, granularity));
    }

    @GET
    @Path("/rooms")
    @Operation(hidden = true)
    public LiveRooms liveRooms(@PathParam("tenantId") String tenantId) {
        return new LiveRooms(queries.liveRooms(tenantId));
    }

    @GET
    @Path("/rooms/{room}")
    @Operation(hidden = true)
    public RoomDetail room(@PathParam("tenantId") String tenantId, @PathParam("room") String room) {
        RoomView view = RoomView.of(rooms.get(tenantId, room));
        List<PresentParticipant> present = queries.present(tenantId, room);
        try {
            return new RoomDetail(view, present, participants.list(tenantId, room), null);
        } catch (ProblemException | IllegalStateException unreachable) {
            return new RoomDetail(view, present, null, "The worker hosting the room did not answer: " + unreachable.getMessage());
        }
    }

    @GET
    @Path("/webhooks/deliveries")
    @Operation(hidden = true)
    public Page<WebhookDeliveryView> deliveries(@PathParam("tenantId") String tenantId, @QueryParam("state") String state,
                                                @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Page<WebhookDelivery> page = deliveries.page(tenantId, state, PageRequest.of(cursor, limit));
        return new Page<>(page.items().stream().map(WebhookDeliveryView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/webhooks/deliveries/{id}")
    @Operation(hidden = true)
    public WebhookDeliveryView delivery(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        WebhookDeliveryLog.DeliveryWithAttempts found = deliveries.get(tenantId, id);
        return WebhookDeliveryView.of(found.delivery(), found.attempts());
    }

    @POST
    @Path("/webhooks/test")
    @Operation(hidden = true)
    public Response sendTest(@PathParam("tenantId") String tenantId) {
        return Response.accepted(new WebhookDeliveryResource.QueuedEvent(deliveries.sendTest(tenantId))).build();
    }

    /** The tenant's live rooms. */
    public record LiveRooms(List<LiveRoom> items) {
    }

    /**
     * A live room: what room-service records of it, and (when its worker answered) the worker's live
     * view of its participants with their tracks and metadata.
     */
    public record RoomDetail(RoomView room, List<PresentParticipant> present, List<LiveParticipant> participants,
                             String workerError) {
    }
}
