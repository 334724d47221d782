package io.cpaas.api.tenant;

/**
 * What the other services need to know of a tenant, answered by tenant-service's internal API:
 * whether it may act, its limits, its room settings and where its webhooks go.
 */
public record TenantProfile(String id, boolean active, TenantLimits limits, boolean autoCreateRooms,
                            WebhookSettings webhook) {
}
