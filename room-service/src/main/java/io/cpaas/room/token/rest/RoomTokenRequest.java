package io.cpaas.room.token.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of POST /v1/rooms/{room}/tokens: who the token is for and what it allows. */
public record RoomTokenRequest(
        @NotNull @Pattern(regexp = IDENTITY_PATTERN, message = IDENTITY_RULE) String identity,
        @Size(max = 128) String name,
        @Size(max = 4096, message = "must be at most 4096 characters") String metadata,
        @Min(60) @Max(86_400) Long ttl,
        @Valid Grants grants) {

    /** No ':' (the TURN username separator), no spaces or quotes (coturn refuses them). */
    static final String IDENTITY_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{N}@._+-]{0,127}$";
    static final String IDENTITY_RULE = "must be 1-128 letters, digits or @ . _ + - starting with a letter or digit";

    /** What the participant may do; absent fields take the defaults (everything but hidden and roomAdmin). */
    public record Grants(Boolean publish, Boolean subscribe, Boolean publishData,
                         @Size(max = 4) List<@NotNull @Pattern(regexp = "camera|microphone|screen|screen_audio",
                                 message = "must be camera, microphone, screen or screen_audio") String> sources,
                         Boolean hidden, Boolean roomAdmin) {
    }
}
