package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SilentAudioFilterTests {

    private static final int SILENT = 127;
    private static final int QUIET_BUT_THERE = AudioLevelTracker.NOISE_FLOOR_DBOV;
    private static final int VOICE = 25;
    private static final int VOICE_WITH_VAD_FLAG = 0x80 | 25;
    private final SilentAudioFilter filter = new SilentAudioFilter();

    private void assertForwards(int levelOctet, int packets, String why) {
        for (int i = 0; i < packets; i++) {
            assertFalse(filter.isSkippable(levelOctet), why + " (packet " + (i + 1) + ")");
        }
    }

    @Test
    void silenceIsLeftOutOnlyAfterTheHangover() {
        assertForwards(VOICE, 50, "speech");
        assertForwards(SILENT, SilentAudioFilter.HANGOVER_PACKETS, "the first 200 ms of silence, so decoders end on it");
        for (int i = 0; i < 500; i++) {
            assertTrue(filter.isSkippable(SILENT), "10 s of silence after the hangover");
        }
    }

    @Test
    void theFirstPacketWithSoundGoesOutAtOnceAndTheHangoverStartsOver() {
        assertForwards(SILENT, SilentAudioFilter.HANGOVER_PACKETS, "hangover");
        assertTrue(filter.isSkippable(SILENT));
        assertForwards(VOICE_WITH_VAD_FLAG, 1, "speech onset");
        assertForwards(SILENT, SilentAudioFilter.HANGOVER_PACKETS, "a new hangover after speech");
        assertTrue(filter.isSkippable(SILENT));
    }

    @Test
    void levelsAtTheNoiseFloorAndPacketsWithoutALevelAreNeverLeftOut() {
        assertForwards(QUIET_BUT_THERE, 100, "at the floor the speaker detector still counts it");
        assertForwards(SILENT, SilentAudioFilter.HANGOVER_PACKETS, "hangover");
        assertForwards(-1, 1, "no level extension: nothing is known");
        assertForwards(SILENT, SilentAudioFilter.HANGOVER_PACKETS, "an unknown level restarts the hangover");
        assertTrue(filter.isSkippable(SILENT | 0x80), "the voice activity flag alone does not make it sound");
    }
}
