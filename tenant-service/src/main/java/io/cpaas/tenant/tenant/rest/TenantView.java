package io.cpaas.tenant.tenant.rest;

import io.cpaas.api.tenant.TenantLimits;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.TenantStatus;
import java.time.Instant;

/** A tenant as the API shows it; the webhook secret is only shown by the webhook endpoint. */
public record TenantView(String id, String name, TenantStatus status, TenantLimits limits, boolean autoCreateRooms,
                         String webhookUrl,
                         Instant createdAt, Instant updatedAt) {

    public static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.status(), tenant.limits(), tenant.autoCreateRooms(), tenant.webhook().url(),
                tenant.createdAt(), tenant.updatedAt());
    }
}
