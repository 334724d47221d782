package io.cpaas.tenant.apikey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cpaas.api.auth.Scope;
import io.cpaas.tenant.apikey.ApiKey;
import io.cpaas.tenant.apikey.ApiKeyStatus;
import java.time.Instant;
import java.util.List;

/** An API key as the API shows it. {@code secret} is present only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(String id, String tenantId, String name, List<String> scopes, ApiKeyStatus status,
                         Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt, String secret) {

    public static ApiKeyView of(ApiKey key, Instant now) {
        return withSecret(key, now, null);
    }

    public static ApiKeyView withSecret(ApiKey key, Instant now, String secret) {
        return new ApiKeyView(key.id(), key.tenantId(), key.name(),
                key.scopes().stream().map(Scope::wireName).sorted().toList(), key.statusAt(now),
                key.createdAt(), key.lastUsedAt(), key.expiresAt(), key.revokedAt(), secret);
    }
}
