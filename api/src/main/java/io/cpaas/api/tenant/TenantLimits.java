package io.cpaas.api.tenant;

/** What a tenant may use at once; enforced by the services that own each resource. */
public record TenantLimits(int maxConcurrentParticipants, int maxRooms, int requestsPerSecondPerKey) {
}
