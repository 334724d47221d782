package io.cpaas.tenant.tenant.service;

import io.cpaas.api.page.Cursor;
import io.cpaas.api.page.Page;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.TenantLimits;
import io.cpaas.api.tenant.WebhookSettings;
import io.cpaas.tenant.apikey.service.ApiKeyVerifier;
import io.cpaas.tenant.config.TenantServiceConfig;
import io.cpaas.tenant.persistence.PersistenceFailure;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.rest.PageRequest;
import io.cpaas.tenant.security.Caller;
import io.cpaas.tenant.security.RandomIdentifiers;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.TenantStatus;
import io.cpaas.tenant.tenant.persistence.TenantRepository;
import io.cpaas.tenant.tenant.rest.TenantCreateRequest;
import io.cpaas.tenant.tenant.rest.TenantLimitsInput;
import io.cpaas.tenant.tenant.rest.TenantUpdateRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Tenants: who may create, see and change them, and what a new one starts with. */
@ApplicationScoped
public class TenantService {

    public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    private final TenantRepository tenants;
    private final ApiKeyVerifier keyVerifier;
    private final TenantServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    public TenantService(TenantRepository tenants, ApiKeyVerifier keyVerifier, TenantServiceConfig config) {
        this.tenants = tenants;
        this.keyVerifier = keyVerifier;
        this.config = config;
    }

    @Transactional
    public Tenant create(Caller caller, TenantCreateRequest request) {
        requirePlatformAdmin(caller);
        if (tenants.findByName(request.name()).isPresent()) {
            throw nameTaken(request.name());
        }
        Instant now = now();
        TenantServiceConfig.TenantDefaults defaults = config.tenantDefaults();
        TenantLimits limits = merge(new TenantLimits(defaults.maxConcurrentParticipants(), defaults.maxRooms(),
                defaults.requestsPerSecondPerKey()), request.limits());
        Tenant tenant = new Tenant(RandomIdentifiers.id(Tenant.ID_PREFIX), request.name(), TenantStatus.ACTIVE, limits,
                request.autoCreateRooms() == null || request.autoCreateRooms(),
                new WebhookSettings(null, RandomIdentifiers.secret(WEBHOOK_SECRET_PREFIX)), now, now);
        try {
            tenants.insert(tenant);
        } catch (PersistenceFailure e) {
            throw e.isUniqueViolation() ? nameTaken(request.name()) : e;
        }
        return tenant;
    }

    public Page<Tenant> list(Caller caller, PageRequest page) {
        requirePlatformAdmin(caller);
        List<Tenant> rows = tenants.page(page.afterKey(), page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<Tenant> items = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(items, more ? Cursor.encode(items.get(items.size() - 1).id()) : null);
    }

    /** The tenant if the caller belongs to it (or is a platform admin); otherwise not found. */
    public Tenant get(Caller caller, String tenantId) {
        if (!caller.canSee(tenantId)) {
            throw ProblemException.notFound("Tenant " + tenantId);
        }
        return tenants.findById(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
    }

    @Transactional
    public Tenant update(Caller caller, String tenantId, TenantUpdateRequest request) {
        Tenant current = get(caller, tenantId);
        requirePlatformAdmin(caller);
        String name = request.name() == null ? current.name() : request.name();
        if (!name.equalsIgnoreCase(current.name()) && tenants.findByName(name).isPresent()) {
            throw nameTaken(name);
        }
        TenantStatus status = request.status() == null ? current.status() : TenantStatus.fromWireName(request.status());
        boolean autoCreateRooms = request.autoCreateRooms() == null ? current.autoCreateRooms() : request.autoCreateRooms();
        Tenant updated = new Tenant(current.id(), name, status, merge(current.limits(), request.limits()),
                autoCreateRooms, current.webhook(), current.createdAt(), now());
        try {
            tenants.update(updated);
        } catch (PersistenceFailure e) {
            throw e.isUniqueViolation() ? nameTaken(name) : e;
        }
        keyVerifier.forgetTenant(tenantId);
        return updated;
    }

    @Transactional
    public void disable(Caller caller, String tenantId) {
        update(caller, tenantId, new TenantUpdateRequest(null, TenantStatus.DISABLED.wireName(), null, null));
    }

    /** For the internal API: any tenant by id, no caller checks (the cluster secret was checked). */
    public java.util.Optional<Tenant> find(String tenantId) {
        return tenants.findById(tenantId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("Only platform admins manage tenants");
        }
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(ProblemType.CONFLICT, "A tenant named '" + name + "' exists already; pick another name");
    }

    private static TenantLimits merge(TenantLimits base, TenantLimitsInput input) {
        if (input == null) {
            return base;
        }
        return new TenantLimits(
                input.maxConcurrentParticipants() == null ? base.maxConcurrentParticipants() : input.maxConcurrentParticipants(),
                input.maxRooms() == null ? base.maxRooms() : input.maxRooms(),
                input.requestsPerSecondPerKey() == null ? base.requestsPerSecondPerKey() : input.requestsPerSecondPerKey());
    }
}
