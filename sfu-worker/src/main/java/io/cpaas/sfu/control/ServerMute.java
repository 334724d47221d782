package io.cpaas.sfu.control;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of the internal mute: which published track, muted or not. */
public record ServerMute(@NotNull @Size(min = 1, max = 64) String trackSid, @NotNull Boolean muted) {
}
