package io.cpaas.tenant.security;


import io.cpaas.api.auth.Scope;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.rest.ratelimit.KeyRateLimiter;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, worked out once from the security identity. Asking for it
 * also spends one token of an API key's rate limit, so every authenticated endpoint is limited.
 */
@RequestScoped
public class CurrentCaller {

    public static final String PLATFORM_ADMIN_ROLE = "platform-admin";
    public static final String TENANT_ADMIN_ROLE = "tenant-admin";
    public static final String TENANT_VIEWER_ROLE = "tenant-viewer";
    public static final String TENANT_CLAIM = "tenant";

    private final SecurityIdentity identity;
    private final KeyRateLimiter rateLimiter;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity, KeyRateLimiter rateLimiter) {
        this.identity = identity;
        this.rateLimiter = rateLimiter;
    }

    public Caller get() {
        if (caller == null) {
            caller = resolve();
            if (caller.isApiKey()) {
                Duration wait = rateLimiter.tryAcquire(caller.subject(), caller.requestsPerSecond());
                if (!wait.isZero()) {
                    throw ProblemException.rateLimited(wait);
                }
            }
        }
        return caller;
    }

    private Caller resolve() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (identity.hasRole(ApiKeyIdentityProvider.API_KEY_ROLE)) {
            @SuppressWarnings("unchecked")
            Set<Scope> scopes = toScopes((Set<String>) identity.getAttribute(ApiKeyIdentityProvider.SCOPES_ATTRIBUTE));
            String expires = identity.getAttribute(ApiKeyIdentityProvider.EXPIRES_ATTRIBUTE);
            return new Caller(Caller.Kind.API_KEY, identity.getPrincipal().getName(),
                    identity.getAttribute(ApiKeyIdentityProvider.TENANT_ATTRIBUTE), scopes,
                    identity.<Integer>getAttribute(ApiKeyIdentityProvider.RATE_ATTRIBUTE),
                    expires == null || expires.isEmpty() ? null : java.time.Instant.parse(expires));
        }
        String subject = identity.getPrincipal().getName();
        if (identity.hasRole(PLATFORM_ADMIN_ROLE)) {
            return new Caller(Caller.Kind.PLATFORM_ADMIN, subject, null, Set.of(), 0);
        }
        String tenant = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(TENANT_CLAIM) : null;
        if (tenant == null) {
            throw ProblemException.forbidden("This account is not a member of any tenant");
        }
        if (identity.hasRole(TENANT_ADMIN_ROLE)) {
            return new Caller(Caller.Kind.TENANT_ADMIN, subject, tenant, Set.of(), 0);
        }
        if (identity.hasRole(TENANT_VIEWER_ROLE)) {
            return new Caller(Caller.Kind.TENANT_VIEWER, subject, tenant, Set.of(), 0);
        }
        throw ProblemException.forbidden("This account has no cpaas role");
    }

    private static Set<Scope> toScopes(Set<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            Scope.fromWireName(name).ifPresent(scopes::add);
        }
        return scopes;
    }
}
