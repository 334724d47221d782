package io.cpaas.tenant.apikey.service;

import io.cpaas.api.auth.ApiKeyCredentials;
import io.cpaas.api.auth.Scope;
import io.cpaas.api.page.Cursor;
import io.cpaas.api.page.Page;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.tenant.apikey.ApiKey;
import io.cpaas.tenant.apikey.persistence.ApiKeyRepository;
import io.cpaas.tenant.apikey.rest.ApiKeyCreateRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.rest.PageRequest;
import io.cpaas.tenant.security.Caller;
import io.cpaas.tenant.security.RandomIdentifiers;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Creating, listing and revoking a tenant's API keys. */
@ApplicationScoped
public class ApiKeyService {

    static final Duration MAX_LIFETIME = Duration.ofDays(3650);

    private final ApiKeyRepository keys;
    private final TenantService tenants;
    private final ApiKeyVerifier verifier;
    private final Clock clock = Clock.systemUTC();

    public ApiKeyService(ApiKeyRepository keys, TenantService tenants, ApiKeyVerifier verifier) {
        this.keys = keys;
        this.tenants = tenants;
        this.verifier = verifier;
    }

    @Transactional
    public IssuedApiKey create(Caller caller, String tenantId, ApiKeyCreateRequest request) {
        Tenant tenant = manageable(caller, tenantId);
        Instant now = now();
        if (request.expiresAt() != null
                && (!request.expiresAt().isAfter(now) || request.expiresAt().isAfter(now.plus(MAX_LIFETIME)))) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "expiresAt must be in the future and within 10 years")
                    .withErrors(List.of(new Problem.FieldError("expiresAt", "must be in the future and within 10 years"))), null);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        request.scopes().forEach(name -> scopes.add(Scope.fromWireName(name).orElseThrow()));
        if (caller.isApiKey() && !caller.scopes().containsAll(scopes)) {
            throw new ProblemException(ProblemType.MISSING_SCOPE, "An API key can only create keys with scopes it has itself");
        }
        if (caller.isApiKey() && caller.expiresAt() != null
                && (request.expiresAt() == null || request.expiresAt().isAfter(caller.expiresAt()))) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED,
                    "A key that expires can only create keys that expire no later than itself (" + caller.expiresAt() + ")")
                    .withErrors(List.of(new Problem.FieldError("expiresAt", "must be set and not after " + caller.expiresAt()))), null);
        }
        String secret = RandomIdentifiers.secret(ApiKeyCredentials.SECRET_PREFIX);
        ApiKey key = new ApiKey(RandomIdentifiers.id(ApiKeyCredentials.KEY_ID_PREFIX), tenant.id(), request.name(), scopes,
                SecretHash.of(secret), now, null,
                request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS), null);
        keys.insert(key);
        return new IssuedApiKey(key, secret);
    }

    public Page<ApiKey> list(Caller caller, String tenantId, PageRequest page) {
        Tenant tenant = tenants.get(caller, tenantId);
        if (caller.isApiKey() && !caller.canManage(tenantId)) {
            throw new ProblemException(ProblemType.MISSING_SCOPE, "Listing API keys needs the keys:manage scope");
        }
        List<ApiKey> rows = keys.page(tenant.id(), page.afterKey(), page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<ApiKey> items = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(items, more ? Cursor.encode(items.get(items.size() - 1).id()) : null);
    }

    @Transactional
    public void revoke(Caller caller, String tenantId, String keyId) {
        Tenant tenant = manageable(caller, tenantId);
        boolean revoked = keys.revoke(tenant.id(), keyId, now());
        verifier.forget(keyId);
        if (!revoked && keys.findById(keyId).filter(k -> k.tenantId().equals(tenant.id())).isEmpty()) {
            throw ProblemException.notFound("API key " + keyId);
        }
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Tenant manageable(Caller caller, String tenantId) {
        Tenant tenant = tenants.get(caller, tenantId);
        if (!caller.canManage(tenantId)) {
            throw caller.isApiKey()
                    ? new ProblemException(ProblemType.MISSING_SCOPE, "Managing API keys needs the keys:manage scope")
                    : ProblemException.forbidden("Only tenant admins manage API keys");
        }
        if (!tenant.isActive()) {
            throw new ProblemException(ProblemType.TENANT_DISABLED, "Tenant " + tenantId + " is disabled; enable it first");
        }
        return tenant;
    }
}
