package io.cpaas.room.security;

import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.rest.auth.ApiKeyAuthenticationRequest;
import io.cpaas.room.tenant.TenantDirectory;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks an API key with tenant-service (through the cache) and makes it a security identity. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    static final String KEY_ATTRIBUTE = "cpaas.key";
    static final String API_KEY_ROLE = "api-key";

    private final TenantDirectory tenants;

    public ApiKeyIdentityProvider(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            KeyIntrospection key = tenants.introspect(request.credentials());
            if (!key.active()) {
                throw new AuthenticationFailedException("API key refused");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.keyId()))
                    .addRole(API_KEY_ROLE)
                    .addAttribute(KEY_ATTRIBUTE, key)
                    .build();
        });
    }
}
