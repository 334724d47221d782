package io.cpaas.room.pool.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of the internal worker registration: who the worker is, where clients reach it, what it can
 * take, and (optional) where room-service reaches its control API.
 */
public record WorkerRegistration(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String id,
        @NotNull @Pattern(regexp = "^[a-z0-9-]{1,32}$") String region,
        @NotNull @Size(max = 512) @Pattern(regexp = "^wss?://.+") String signalUrl,
        @NotNull @Size(max = 128) String udpAddress,
        @NotNull @Valid Capacity capacity,
        @Size(max = 512) @Pattern(regexp = "^https?://[^\\s]+$") String controlUrl) {

    /** The most a worker takes: participants and forwarded tracks. */
    public record Capacity(@Min(1) @Max(1_000_000) int participants, @Min(1) @Max(10_000_000) int tracks) {
    }
}
