package io.cpaas.tenant.console.view;

import io.cpaas.api.auth.Scope;
import io.cpaas.tenant.apikey.ApiKey;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;

/** An API key as the keys page lists it. */
@TemplateData
public record KeyRow(String id, String name, List<String> scopes, String status, Instant createdAt, Instant lastUsedAt,
                     Instant expiresAt, Instant revokedAt) {

    public static KeyRow of(ApiKey key, Instant now) {
        return new KeyRow(key.id(), key.name(), key.scopes().stream().map(Scope::wireName).sorted().toList(),
                key.statusAt(now).wireName(), key.createdAt(), key.lastUsedAt(),
                key.expiresAt(), key.revokedAt());
    }

    public boolean active() {
        return "active".equals(status);
    }
}
