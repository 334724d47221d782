package io.cpaas.tenant.tenant.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits as a caller sends them; a missing value keeps the current (or default) one. */
public record TenantLimitsInput(
        @Min(1) @Max(1_000_000) Integer maxConcurrentParticipants,
        @Min(1) @Max(1_000_000) Integer maxRooms,
        @Min(1) @Max(100_000) Integer requestsPerSecondPerKey) {
}
