package io.cpaas.api.tenant;

import java.time.Instant;
import java.util.Set;

/**
 * tenant-service's answer to "who is this API key?", asked by the other services over the
 * internal API. {@code active} is false for unknown, wrong-secret, revoked or expired keys and
 * for keys of disabled tenants; nothing else is filled in then, so a miss leaks nothing.
 */
public record KeyIntrospection(boolean active, String keyId, String tenantId, Set<String> scopes,
                               TenantLimits limits, WebhookSettings webhook, Instant expiresAt) {

    public static KeyIntrospection inactive() {
        return new KeyIntrospection(false, null, null, Set.of(), null, null, null);
    }
}
