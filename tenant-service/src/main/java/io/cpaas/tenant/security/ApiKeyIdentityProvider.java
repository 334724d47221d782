package io.cpaas.tenant.security;

import io.cpaas.rest.auth.ApiKeyAuthenticationRequest;

import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.tenant.apikey.service.ApiKeyVerifier;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a verified API key into a security identity carrying its tenant, scopes and rate limit. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String TENANT_ATTRIBUTE = "cpaas.tenant";
    public static final String SCOPES_ATTRIBUTE = "cpaas.scopes";
    public static final String RATE_ATTRIBUTE = "cpaas.requests-per-second";
    public static final String EXPIRES_ATTRIBUTE = "cpaas.expires-at";
    public static final String API_KEY_ROLE = "api-key";

    private final ApiKeyVerifier verifier;

    public ApiKeyIdentityProvider(ApiKeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            KeyIntrospection key = verifier.verify(request.credentials());
            if (!key.active()) {
                throw new AuthenticationFailedException("API key refused");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.keyId()))
                    .addRole(API_KEY_ROLE)
                    .addAttribute(TENANT_ATTRIBUTE, key.tenantId())
                    .addAttribute(SCOPES_ATTRIBUTE, key.scopes())
                    .addAttribute(RATE_ATTRIBUTE, key.limits().requestsPerSecondPerKey())
                    .addAttribute(EXPIRES_ATTRIBUTE, key.expiresAt() == null ? "" : key.expiresAt().toString())
                    .build();
        });
    }
}
