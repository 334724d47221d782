package io.cpaas.tenant.apikey.rest;

import io.cpaas.api.page.Page;
import io.cpaas.tenant.apikey.ApiKey;
import io.cpaas.tenant.apikey.service.ApiKeyService;
import io.cpaas.tenant.apikey.service.IssuedApiKey;
import io.cpaas.rest.PageRequest;
import io.cpaas.tenant.security.CurrentCaller;
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
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/tenants/{id}/api-keys: tenant admins and keys with keys:manage create, list and revoke keys. */
@Path("/v1/tenants/{tenantId}/api-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final CurrentCaller caller;

    public ApiKeyResource(ApiKeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an API key; the answer holds its secret, shown this once")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyView.class)))
    public Response create(@PathParam("tenantId") String tenantId, @NotNull @Valid ApiKeyCreateRequest body) {
        IssuedApiKey issued = keys.create(caller.get(), tenantId, body);
        return Response.created(URI.create("/v1/tenants/" + tenantId + "/api-keys/" + issued.key().id()))
                .entity(ApiKeyView.withSecret(issued.key(), keys.now(), issued.secret()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Operation(summary = "List a tenant's API keys (never their secrets)")
    public Page<ApiKeyView> list(@PathParam("tenantId") String tenantId, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") Integer limit) {
        Page<ApiKey> page = keys.list(caller.get(), tenantId, PageRequest.of(cursor, limit));
        Instant now = keys.now();
        return new Page<>(page.items().stream().map(key -> ApiKeyView.of(key, now)).toList(), page.nextCursor());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key; every service refuses it within 5 seconds")
    @APIResponse(responseCode = "204", description = "Done")
    public Response revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        keys.revoke(caller.get(), tenantId, keyId);
        return Response.noContent().build();
    }
}
