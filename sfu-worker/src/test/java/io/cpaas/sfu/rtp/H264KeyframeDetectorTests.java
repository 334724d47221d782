package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class H264KeyframeDetectorTests {

    private static final KeyframeDetector H264 = H264KeyframeDetector.INSTANCE;

    private static boolean detect(int... payload) {
        byte[] b = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            b[i] = (byte) payload[i];
        }
        return H264.isKeyframe(b, 0, b.length);
    }

    @Test
    void detectsSingleIdrAndSpsNalUnits() {
        assertTrue(detect(0x65, 0x88, 0x84)); // NRI=3, type 5
        assertTrue(detect(0x67, 0x42, 0xC0)); // type 7
    }

    @Test
    void rejectsSingleNonIdrSlicesAndPps() {
        assertFalse(detect(0x41, 0x9A)); // type 1
        assertFalse(detect(0x68, 0xCE)); // type 8
    }

    @Test
    void detectsAnIdrInsideAStapA() {
        assertTrue(detect(
                0x78,                         // STAP-A
                0x00, 0x03, 0x67, 0x42, 0xC0, // SPS
                0x00, 0x02, 0x68, 0xCE,       // PPS
                0x00, 0x02, 0x65, 0x88));     // IDR
        assertTrue(detect(0x78, 0x00, 0x02, 0x68, 0xCE, 0x00, 0x02, 0x65, 0x88), "IDR after PPS");
    }

    @Test
    void rejectsAStapAWithoutKeyNalUnits() {
        assertFalse(detect(0x78, 0x00, 0x02, 0x68, 0xCE, 0x00, 0x02, 0x41, 0x9A));
    }

    @Test
    void rejectsAStapAWhoseSizesOverrunThePacket() {
        assertFalse(detect(0x78, 0x00, 0x09, 0x68, 0xCE, 0x00, 0x02, 0x65, 0x88));
        assertFalse(detect(0x78, 0x00, 0x00, 0x65));
    }

    @Test
    void detectsOnlyTheFirstFragmentOfAnFuAIdr() {
        assertTrue(detect(0x7C, 0x85, 0x88));  // S=1, type 5
        assertFalse(detect(0x7C, 0x05, 0x88)); // middle fragment
        assertFalse(detect(0x7C, 0x45, 0x88)); // end fragment
        assertFalse(detect(0x7C, 0x81, 0x9A)); // S=1, non-IDR slice
        assertFalse(detect(0x7C));             // no FU header
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertFalse(H264.isKeyframe(new byte[4], 0, 0));
        assertFalse(H264.isKeyframe(null, 0, 1));
    }
}
