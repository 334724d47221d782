package io.cpaas.api.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackSourceTests {

    @Test
    void wireNamesAreLowerCase() {
        assertEquals(List.of("camera", "microphone", "screen", "screen_audio"),
                Arrays.stream(TrackSource.values()).map(TrackSource::wireName).toList());
    }

    @Test
    void everyWireNameReadsBack() {
        for (TrackSource source : TrackSource.values()) {
            assertEquals(source, TrackSource.fromWireName(source.wireName()).orElseThrow());
        }
    }

    @Test
    void unknownOrDifferentlyCasedNamesAreNotSources() {
        for (String name : new String[] {"CAMERA", "Camera", "screen-audio", "SCREEN_AUDIO", "", "laser"}) {
            assertTrue(TrackSource.fromWireName(name).isEmpty(), name);
        }
        assertTrue(TrackSource.fromWireName(null).isEmpty());
    }
}
