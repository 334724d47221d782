package io.cpaas.room.security;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.rest.ratelimit.KeyRateLimiter;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The API key calling the current request. Asking for it with a scope checks the scope and
 * spends one token of the key's rate limit.
 */
@RequestScoped
public class CurrentCaller {

    public static final String PLATFORM_ADMIN_ROLE = "platform-admin";

    private final SecurityIdentity identity;
    private final KeyRateLimiter rateLimiter;
    private TenantCaller caller;
    private KeyIntrospection key;

    public CurrentCaller(SecurityIdentity identity, KeyRateLimiter rateLimiter) {
        this.identity = identity;
        this.rateLimiter = rateLimiter;
    }

    public TenantCaller require(Scope scope) {
        if (caller == null) {
            if (identity.isAnonymous() || !identity.hasRole(ApiKeyIdentityProvider.API_KEY_ROLE)) {
                throw new UnauthorizedException();
            }
            key = identity.getAttribute(ApiKeyIdentityProvider.KEY_ATTRIBUTE);
            Duration wait = rateLimiter.tryAcquire(key.keyId(), key.limits().requestsPerSecondPerKey());
            if (!wait.isZero()) {
                throw ProblemException.rateLimited(wait);
            }
            caller = new TenantCaller(key.keyId(), key.tenantId(), toScopes(key.scopes()));
        }
        if (!caller.scopes().contains(scope)) {
            throw new ProblemException(ProblemType.MISSING_SCOPE, "This API key lacks the scope " + scope.wireName());
        }
        return caller;
    }

    /** The calling key's tenant limits; call after {@link #require}. */
    public io.cpaas.api.tenant.TenantLimits limits() {
        return key.limits();
    }

    public void requirePlatformAdmin() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!identity.hasRole(PLATFORM_ADMIN_ROLE)) {
            throw ProblemException.forbidden("Only platform admins see the worker pool");
        }
    }

    private static Set<Scope> toScopes(Set<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        names.forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
        return scopes;
    }
}
