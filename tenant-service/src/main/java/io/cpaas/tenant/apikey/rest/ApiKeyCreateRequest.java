package io.cpaas.tenant.apikey.rest;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Body of POST /v1/tenants/{id}/api-keys. */
public record ApiKeyCreateRequest(
        @NotNull @Size(min = 1, max = 100)
        @Pattern(regexp = "^[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/(),-]*$",
                message = "must start with a letter or digit and contain only letters, digits, spaces and . _ : / ( ) , -")
        String name,
        @NotNull @NotEmpty @Size(max = 6) List<@NotNull @Pattern(
                regexp = "rooms:write|rooms:read|tokens:create|turn:create|usage:read|keys:manage",
                message = "must be one of rooms:write, rooms:read, tokens:create, turn:create, usage:read, keys:manage")
                String> scopes,
        Instant expiresAt) {
}
