package io.cpaas.api.token;

import java.util.Arrays;
import java.util.Optional;

/** Where a published track comes from; grants name the sources a participant may publish. */
public enum TrackSource {
    CAMERA("camera"),
    MICROPHONE("microphone"),
    SCREEN("screen"),
    SCREEN_AUDIO("screen_audio");

    private final String wireName;

    TrackSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TrackSource> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
