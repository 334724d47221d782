package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AudioLevelTrackerTests {

    /** 20 packets of 20 ms: one sample of the speaker task. */
    private static void window(AudioLevelTracker tracker, int loudPackets, int loudLevel) {
        for (int i = 0; i < 20; i++) {
            tracker.onPacket(i < loudPackets ? loudLevel : 127);
        }
    }

    @Test
    void silenceAndNoPacketsAtAllAreLevelZero() {
        AudioLevelTracker tracker = new AudioLevelTracker();
        window(tracker, 0, 127);
        assertEquals(0, tracker.sample());
        assertEquals(0, tracker.sample()); // nothing arrived
    }

    @Test
    void aSteadyVoiceConvergesOnItsLinearAmplitude() {
        AudioLevelTracker tracker = new AudioLevelTracker();
        for (int i = 0; i < 20; i++) {
            window(tracker, 20, 20); // -20 dBov: amplitude 0.1
            tracker.sample();
        }
        assertEquals(0.1, tracker.level(), 0.001);
    }

    @Test
    void theLevelRisesFastAndFallsSlowly() {
        AudioLevelTracker tracker = new AudioLevelTracker();
        window(tracker, 20, 20);
        double first = tracker.sample();
        assertTrue(first >= 0.07 * 0.99, "one sample of speech already counts: " + first);
        for (int i = 0; i < 10; i++) {
            window(tracker, 20, 20);
            tracker.sample();
        }
        window(tracker, 0, 127);
        double afterOnePause = tracker.sample();
        assertTrue(afterOnePause > 0.07, "a short pause keeps most of the level: " + afterOnePause);
        for (int i = 0; i < 40; i++) {
            window(tracker, 0, 127);
            tracker.sample();
        }
        assertEquals(0, tracker.level(), "a voice long gone is silence");
    }

    @Test
    void levelsBelowTheNoiseFloorAreSilenceAndTheVoiceActivityBitIsIgnored() {
        AudioLevelTracker tracker = new AudioLevelTracker();
        window(tracker, 20, AudioLevelTracker.NOISE_FLOOR_DBOV + 1);
        assertEquals(0, tracker.sample());
        window(tracker, 20, 0x80 | 20);
        assertTrue(tracker.sample() > 0.05);
    }

    @Test
    void packetsWithoutTheExtensionAreNotCounted() {
        AudioLevelTracker tracker = new AudioLevelTracker();
        window(tracker, 20, 20);
        for (int i = 0; i < 100; i++) {
            tracker.onPacket(-1);
        }
        assertEquals(0.07, tracker.sample(), 0.001);
    }

    @Test
    void countingAPacketAllocatesNothing() {
        AudioLevelTracker tracker = new AudioLevelTracker();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200_000; i++) {
                tracker.onPacket(i & 0xFF);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated for 200,000 packets");
            }
        }
    }
}
