package io.cpaas.tenant.apikey;

import io.cpaas.api.auth.Scope;
import java.time.Instant;
import java.util.Set;

/** A tenant's API key as stored: the secret itself is never kept, only its SHA-256. */
public record ApiKey(String id, String tenantId, String name, Set<Scope> scopes, byte[] secretHash,
                     Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public ApiKeyStatus statusAt(Instant now) {
        if (revokedAt != null) {
            return ApiKeyStatus.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return ApiKeyStatus.EXPIRED;
        }
        return ApiKeyStatus.ACTIVE;
    }
}
