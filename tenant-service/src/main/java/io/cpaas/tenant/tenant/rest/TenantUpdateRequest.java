package io.cpaas.tenant.tenant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of PATCH /v1/tenants/{id}: only the fields present change. */
public record TenantUpdateRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = TenantCreateRequest.NAME_PATTERN, message = TenantCreateRequest.NAME_RULE)
        String name,
        @Pattern(regexp = "active|disabled", message = "must be 'active' or 'disabled'") String status,
        @Valid TenantLimitsInput limits,
        Boolean autoCreateRooms) {
}
