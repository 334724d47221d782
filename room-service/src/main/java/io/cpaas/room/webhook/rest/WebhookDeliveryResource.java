package io.cpaas.room.webhook.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.room.security.CurrentCaller;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.service.WebhookDeliveryLog;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/webhooks: the tenant's webhook delivery log and test events. Where they go is set on tenant-service. */
@Path("/v1/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookDeliveryResource {

    private final WebhookDeliveryLog log;
    private final CurrentCaller caller;

    public WebhookDeliveryResource(WebhookDeliveryLog log, CurrentCaller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "Webhook deliveries, newest first, with their state and last attempt (rooms:read)")
    public Page<WebhookDeliveryView> list(@Parameter(description = "pending, delivered, failed or skipped") @QueryParam("state") String state,
                                          @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        String tenantId = caller.require(Scope.ROOMS_READ).tenantId();
        Page<WebhookDelivery> page = log.page(tenantId, state, PageRequest.of(cursor, limit));
        return new Page<>(page.items().stream().map(WebhookDeliveryView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/deliveries/{id}")
    @Operation(summary = "One delivery with the body sent and every attempt (rooms:read)")
    public WebhookDeliveryView get(@PathParam("id") String id) {
        WebhookDeliveryLog.DeliveryWithAttempts found = log.get(caller.require(Scope.ROOMS_READ).tenantId(), id);
        return WebhookDeliveryView.of(found.delivery(), found.attempts());
    }

    @POST
    @Path("/test")
    @Operation(summary = "Queue a webhook.test event to the tenant's webhook URL; answers its delivery id (rooms:write)")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = QueuedEvent.class)))
    public Response sendTest() {
        String id = log.sendTest(caller.require(Scope.ROOMS_WRITE).tenantId());
        return Response.accepted(new QueuedEvent(id)).build();
    }

    /** The id of a queued event: its delivery is at /v1/webhooks/deliveries/{id}. */
    public record QueuedEvent(String id) {
    }
}
