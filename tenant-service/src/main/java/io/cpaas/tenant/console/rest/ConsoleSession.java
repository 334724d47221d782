package io.cpaas.tenant.console.rest;

import io.cpaas.tenant.console.view.Nav;
import io.cpaas.tenant.security.Caller;
import io.cpaas.tenant.security.CurrentCaller;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in console user of this request (Keycloak, authorization code flow): the same
 * {@link Caller} the API's services authorize with, and the frame of the pages it sees.
 */
@RequestScoped
public class ConsoleSession {

    private final CurrentCaller currentCaller;
    private final SecurityIdentity identity;
    private final TenantService tenants;

    public ConsoleSession(CurrentCaller currentCaller, SecurityIdentity identity, TenantService tenants) {
        this.currentCaller = currentCaller;
        this.identity = identity;
        this.tenants = tenants;
    }

    public Caller caller() {
        return currentCaller.get();
    }

    /** The frame of a page of tenant {@code tenantId} (404 when the user may not see it). */
    public Nav tenantNav(String tenantId, String page) {
        Caller caller = caller();
        Tenant tenant = tenants.get(caller, tenantId);
        return new Nav(username(), role(caller), caller.isPlatformAdmin(), caller.canManage(tenant.id()), tenant.id(), tenant.name(), page);
    }

    /** The frame of a platform page (tenants, workers). */
    public Nav platformNav(String page) {
        Caller caller = caller();
        return new Nav(username(), role(caller), caller.isPlatformAdmin(), false, null, null, page);
    }

    /** The frame of an error page: as much as is known of the user, nothing that could fail again. */
    public Nav errorNav() {
        return new Nav(username(), "", false, false, null, null, "error");
    }

    public String username() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("preferred_username") != null) {
            return jwt.getClaim("preferred_username");
        }
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    private static String role(Caller caller) {
        return switch (caller.kind()) {
            case PLATFORM_ADMIN -> "platform admin";
            case TENANT_ADMIN -> "tenant admin";
            case TENANT_VIEWER -> "tenant viewer";
            case API_KEY -> "API key";
        };
    }
}
