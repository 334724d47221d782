package io.cpaas.room.participant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of PATCH /v1/rooms/{room}/participants/{identity}: what to change while the participant is
 * connected; absent fields stay as they are. {@code metadata} "" clears it.
 */
public record ParticipantUpdateRequest(
        @Size(min = 1, max = 128) String name,
        @Size(max = 4096, message = "must be at most 4096 characters") String metadata,
        @Valid Permissions permissions) {

    /** Permissions to change; absent fields stay as they are. {@code sources} replaces the allowed sources. */
    @Schema(name = "ParticipantPermissionsChange")
    public record Permissions(Boolean publish, Boolean subscribe, Boolean publishData,
                              @Size(max = 4) List<@NotNull @Pattern(regexp = "camera|microphone|screen|screen_audio",
                                      message = "must be camera, microphone, screen or screen_audio") String> sources) {
    }
}
