package io.cpaas.tenant.webhook.rest;

import io.cpaas.tenant.security.CurrentCaller;
import io.cpaas.tenant.webhook.service.WebhookSettingsService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/tenants/{id}/webhook: the tenant's webhook URL and signing secret. */
@Path("/v1/tenants/{tenantId}/webhook")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final WebhookSettingsService webhooks;
    private final CurrentCaller caller;

    public WebhookResource(WebhookSettingsService webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Get the webhook URL and signing secret")
    public WebhookView get(@PathParam("tenantId") String tenantId) {
        return WebhookView.of(webhooks.get(caller.get(), tenantId));
    }

    @PUT
    @Operation(summary = "Set the webhook URL (null removes it) and optionally rotate the signing secret")
    public WebhookView put(@PathParam("tenantId") String tenantId, @NotNull @Valid WebhookUpdateRequest body) {
        return WebhookView.of(webhooks.update(caller.get(), tenantId, body));
    }
}
