package io.cpaas.room.turn.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of POST /v1/turn/credentials: whom they are for and how long they last (seconds, default 1 h). */
public record TurnCredentialsRequest(
        @NotNull @Pattern(regexp = "^[\\p{L}\\p{N}][\\p{L}\\p{N}@._+-]{0,127}$",
                message = "must be 1-128 letters, digits or @ . _ + - starting with a letter or digit") String identity,
        @Min(60) @Max(86_400) Long ttl) {
}
