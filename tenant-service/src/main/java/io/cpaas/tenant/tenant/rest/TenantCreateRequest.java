package io.cpaas.tenant.tenant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST /v1/tenants. */
public record TenantCreateRequest(
        @NotNull @Size(min = 1, max = 100) @Pattern(regexp = TenantCreateRequest.NAME_PATTERN, message = TenantCreateRequest.NAME_RULE)
        String name,
        @Valid TenantLimitsInput limits,
        Boolean autoCreateRooms) {

    static final String NAME_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{N} ._&'-]*$";
    static final String NAME_RULE = "must start with a letter or digit and contain only letters, digits, spaces and . _ & ' -";
}
