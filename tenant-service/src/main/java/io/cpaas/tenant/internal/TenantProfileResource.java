package io.cpaas.tenant.internal;

import io.cpaas.api.tenant.TenantProfile;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Internal: a tenant's status, limits and settings, for room-service's joins and webhooks. */
@Path("/internal/v1/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class TenantProfileResource {

    private final TenantService tenants;

    public TenantProfileResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @GET
    @Operation(hidden = true)
    public TenantProfile profile(@PathParam("tenantId") String tenantId) {
        return tenants.find(tenantId).map(Tenant::profile).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
    }
}
