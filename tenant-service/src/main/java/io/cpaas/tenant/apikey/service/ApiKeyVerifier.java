package io.cpaas.tenant.apikey.service;

import io.cpaas.api.auth.ApiKeyCredentials;
import io.cpaas.api.auth.Scope;
import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.tenant.apikey.ApiKey;
import io.cpaas.tenant.apikey.ApiKeyStatus;
import io.cpaas.tenant.apikey.persistence.ApiKeyRepository;
import io.cpaas.tenant.config.TenantServiceConfig;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.persistence.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Answers "is this key valid, and whose is it?" for this service's own requests and for the
 * internal introspection API. Rows are cached per key id for a short time (cpaas.api-keys.
 * lookup-cache-ttl) so a busy key costs no database round trip per request; the secret is still
 * checked against the stored hash on every call.
 */
@ApplicationScoped
public class ApiKeyVerifier {

    private static final int MAX_CACHED_KEYS = 100_000;
    private static final byte[] NO_SUCH_KEY_HASH = SecretHash.of("sk_no-such-key");

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final LastUsedRecorder lastUsed;
    private final long cacheTtlMillis;
    private final Clock clock;
    private final ConcurrentMap<String, CachedLookup> cache = new ConcurrentHashMap<>();

    public ApiKeyVerifier(ApiKeyRepository keys, TenantRepository tenants, LastUsedRecorder lastUsed,
                          TenantServiceConfig config) {
        this.keys = keys;
        this.tenants = tenants;
        this.lastUsed = lastUsed;
        this.cacheTtlMillis = config.apiKeys().lookupCacheTtl().toMillis();
        this.clock = Clock.systemUTC();
    }

    public KeyIntrospection verify(ApiKeyCredentials credentials) {
        Instant now = clock.instant();
        CachedLookup lookup = lookup(credentials.keyId(), now);
        if (lookup.key == null || lookup.tenant == null) {
            SecretHash.matches(credentials.secret(), NO_SUCH_KEY_HASH); // same work for unknown keys
            return KeyIntrospection.inactive();
        }
        ApiKey key = lookup.key;
        Tenant tenant = lookup.tenant;
        if (!SecretHash.matches(credentials.secret(), key.secretHash())
                || key.statusAt(now) != ApiKeyStatus.ACTIVE || !tenant.isActive()) {
            return KeyIntrospection.inactive();
        }
        lastUsed.record(key.id(), now);
        return new KeyIntrospection(true, key.id(), tenant.id(),
                key.scopes().stream().map(Scope::wireName).collect(Collectors.toUnmodifiableSet()),
                tenant.limits(), tenant.webhook(), key.expiresAt());
    }

    /** Drops what this instance knows of a key or a tenant's keys, after a change made here. */
    public void forget(String keyId) {
        cache.remove(keyId);
    }

    public void forgetTenant(String tenantId) {
        cache.values().removeIf(entry -> entry.tenant != null && entry.tenant.id().equals(tenantId));
    }

    private CachedLookup lookup(String keyId, Instant now) {
        CachedLookup cached = cache.get(keyId);
        if (cached != null && cached.freshAt(now.toEpochMilli())) {
            return cached;
        }
        Optional<ApiKey> key = keys.findById(keyId);
        Tenant tenant = key.flatMap(k -> tenants.findById(k.tenantId())).orElse(null);
        CachedLookup fresh = new CachedLookup(key.orElse(null), tenant, now.toEpochMilli() + cacheTtlMillis);
        if (cache.size() >= MAX_CACHED_KEYS) {
            cache.clear(); // bounded memory even under a flood of made-up key ids
        }
        cache.put(keyId, fresh);
        return fresh;
    }

    private record CachedLookup(ApiKey key, Tenant tenant, long expiresAtMillis) {
        boolean freshAt(long nowMillis) {
            return nowMillis < expiresAtMillis;
        }
    }
}
