package io.cpaas.tenant.console.view;

import io.cpaas.tenant.tenant.Tenant;
import io.quarkus.qute.TemplateData;
import java.time.Instant;

/** A tenant as the platform admin's tenants page lists it. */
@TemplateData
public record TenantRow(String id, String name, String status, int maxConcurrentParticipants, int maxRooms,
                        int requestsPerSecondPerKey, Instant createdAt) {

    public static TenantRow of(Tenant tenant) {
        return new TenantRow(tenant.id(), tenant.name(), tenant.status().wireName(), tenant.limits().maxConcurrentParticipants(),
                tenant.limits().maxRooms(), tenant.limits().requestsPerSecondPerKey(), tenant.createdAt());
    }

    public boolean active() {
        return "active".equals(status);
    }
}
