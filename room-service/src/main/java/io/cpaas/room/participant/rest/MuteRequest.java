package io.cpaas.room.participant.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of POST /v1/rooms/{room}/participants/{identity}/mute: which published track, muted or not. */
public record MuteRequest(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9_-]{1,64}$", message = "must be a track sid (letters, digits, _ or -)") String trackSid,
        @NotNull Boolean muted) {
}
