package io.cpaas.room.security;

import io.cpaas.api.auth.Scope;
import java.util.Set;

/** A tenant's back end calling with one of its API keys: the tenant and what the key may do. */
public record TenantCaller(String keyId, String tenantId, Set<Scope> scopes) {

    public TenantCaller {
        scopes = Set.copyOf(scopes);
    }
}
