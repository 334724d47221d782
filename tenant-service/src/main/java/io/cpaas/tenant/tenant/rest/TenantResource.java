package io.cpaas.tenant.tenant.rest;

import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.tenant.security.CurrentCaller;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
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
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/tenants: platform admins create and manage tenants; members may read their own. */
@Path("/v1/tenants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
@Tag(name = "Tenants")
public class TenantResource {

    private final TenantService tenants;
    private final CurrentCaller caller;

    public TenantResource(TenantService tenants, CurrentCaller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a tenant (platform admins)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TenantView.class)))
    public Response create(@NotNull @Valid TenantCreateRequest body) {
        Tenant tenant = tenants.create(caller.get(), body);
        return Response.created(URI.create("/v1/tenants/" + tenant.id())).entity(TenantView.of(tenant)).build();
    }

    @GET
    @Operation(summary = "List tenants (platform admins)")
    public Page<TenantView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Page<Tenant> page = tenants.list(caller.get(), PageRequest.of(cursor, limit));
        return new Page<>(page.items().stream().map(TenantView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{tenantId}")
    @Operation(summary = "Get a tenant")
    public TenantView get(@PathParam("tenantId") String tenantId) {
        return TenantView.of(tenants.get(caller.get(), tenantId));
    }

    @PATCH
    @Path("/{tenantId}")
    @Operation(summary = "Change a tenant's name, status or limits (platform admins)")
    public TenantView update(@PathParam("tenantId") String tenantId, @NotNull @Valid TenantUpdateRequest body) {
        return TenantView.of(tenants.update(caller.get(), tenantId, body));
    }

    @DELETE
    @Path("/{tenantId}")
    @APIResponse(responseCode = "204", description = "Done")
    @Operation(summary = "Disable a tenant: its keys and users stop working, its data stays (platform admins)")
    public Response disable(@PathParam("tenantId") String tenantId) {
        tenants.disable(caller.get(), tenantId);
        return Response.noContent().build();
    }
}
