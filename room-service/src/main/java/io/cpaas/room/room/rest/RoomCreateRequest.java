package io.cpaas.room.room.rest;

import io.cpaas.room.room.Room;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST /v1/rooms; everything but the name has a default. */
public record RoomCreateRequest(
        @NotNull @Pattern(regexp = Room.NAME_PATTERN, message = "must be 1-128 of A-Z a-z 0-9 . _ - starting with a letter or digit")
        String name,
        @Pattern(regexp = "conference|broadcast|call", message = "must be conference, broadcast or call") String mode,
        @Min(1) @Max(10_000) Integer maxParticipants,
        @Min(0) @Max(86_400) Integer emptyTimeoutSeconds,
        @Pattern(regexp = "^[a-z0-9-]{1,32}$", message = "must be 1-32 of a-z 0-9 -") String region,
        @Size(max = Room.MAX_METADATA_LENGTH, message = "must be at most 4096 characters") String metadata) {
}
