package io.cpaas.tenant.internal;

import io.cpaas.api.tenant.TenantProfile;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
    private final ClusterSecretGuard guard;

    public TenantProfileResource(TenantService tenants, ClusterSecretGuard guard) {
        this.tenants = tenants;
        this.guard = guard;
    }

    @GET
    @Operation(hidden = true)
    public TenantProfile profile(@HeaderParam(ClusterSecretGuard.HEADER) String clusterSecret,
                                 @PathParam("tenantId") String tenantId) {
        guard.check(clusterSecret);
        return tenants.find(tenantId).map(Tenant::profile).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
    }
}
