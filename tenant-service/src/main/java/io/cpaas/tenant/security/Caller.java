package io.cpaas.tenant.security;

import io.cpaas.api.auth.Scope;
import java.util.Set;

/**
 * Who is making the request, reduced to what authorization needs: a platform admin, a console
 * user of one tenant (admin or viewer), or an API key of one tenant with its scopes.
 */
public record Caller(Kind kind, String subject, String tenantId, Set<Scope> scopes, int requestsPerSecond,
                     java.time.Instant expiresAt) {

    public enum Kind { PLATFORM_ADMIN, TENANT_ADMIN, TENANT_VIEWER, API_KEY }

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public Caller(Kind kind, String subject, String tenantId, Set<Scope> scopes, int requestsPerSecond) {
        this(kind, subject, tenantId, scopes, requestsPerSecond, null);
    }

    public boolean isPlatformAdmin() {
        return kind == Kind.PLATFORM_ADMIN;
    }

    public boolean isApiKey() {
        return kind == Kind.API_KEY;
    }

    /** True when the caller belongs to the tenant (any role), or is a platform admin. */
    public boolean canSee(String tenant) {
        return isPlatformAdmin() || (tenantId != null && tenantId.equals(tenant));
    }

    /** True when the caller may change the tenant's keys and webhook settings. */
    public boolean canManage(String tenant) {
        if (isPlatformAdmin()) {
            return true;
        }
        if (tenantId == null || !tenantId.equals(tenant)) {
            return false;
        }
        return kind == Kind.TENANT_ADMIN || (kind == Kind.API_KEY && scopes.contains(Scope.KEYS_MANAGE));
    }
}
