package io.cpaas.tenant.tenant;

import io.cpaas.api.tenant.TenantLimits;
import io.cpaas.api.tenant.TenantProfile;
import io.cpaas.api.tenant.WebhookSettings;
import java.time.Instant;

/** A customer of the platform: everything else it owns is scoped by its id. */
public record Tenant(String id, String name, TenantStatus status, TenantLimits limits, boolean autoCreateRooms,
                     WebhookSettings webhook, Instant createdAt, Instant updatedAt) {

    public static final String ID_PREFIX = "tn_";

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    public TenantProfile profile() {
        return new TenantProfile(id, isActive(), limits, autoCreateRooms, webhook);
    }

    public Tenant withWebhook(WebhookSettings settings, Instant at) {
        return new Tenant(id, name, status, limits, autoCreateRooms, settings, createdAt, at);
    }
}
