package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Vp9KeyframeDetectorTests {

    private static final KeyframeDetector VP9 = Vp9KeyframeDetector.INSTANCE;

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static boolean detect(int... payload) {
        byte[] b = bytes(payload);
        return VP9.isKeyframe(b, 0, b.length);
    }

    /** Non-flexible keyframe as Chromium sends it: I, L, B, E, V with a one-layer SS. */
    private static final int[] NON_FLEXIBLE_KEYFRAME = {
        0xAE,             // I=1 P=0 L=1 F=0 B=1 E=1 V=1 Z=0
        0x80, 0x01,       // M=1, 15-bit picture id 1
        0x00,             // TID=0 U=0 SID=0 D=0
        0x05,             // TL0PICIDX
        0x18,             // N_S=0 (one layer), Y=1, G=1
        0x02, 0x80, 0x01, 0xE0, // 640x480
        0x01,             // N_G=1
        0x04, 0x01,       // TID=0 U=0 R=1, P_DIFF=1
        0x82, 0x49, 0x83  // frame data
    };

    @Test
    void detectsANonFlexibleKeyframeWithScalabilityStructure() {
        assertTrue(detect(NON_FLEXIBLE_KEYFRAME));
    }

    @Test
    void detectsAFlexibleModeKeyframe() {
        assertTrue(detect(0xB8, 0x05, 0x00, 0x82)); // I L F B, 7-bit pid, SID 0, data
    }

    @Test
    void detectsAKeyframeWithoutLayerIndices() {
        assertTrue(detect(0x88, 0x01, 0x82)); // I B, pid, data
        assertTrue(detect(0x08, 0x82));       // B only
    }

    @Test
    void rejectsInterPicturePredictedFrames() {
        int[] p = NON_FLEXIBLE_KEYFRAME.clone();
        p[0] |= 0x40;
        assertFalse(detect(p));
    }

    @Test
    void rejectsPacketsThatDoNotBeginTheFrame() {
        int[] p = NON_FLEXIBLE_KEYFRAME.clone();
        p[0] &= ~0x08;
        assertFalse(detect(p));
    }

    @Test
    void rejectsUpperSpatialLayers() {
        int[] p = NON_FLEXIBLE_KEYFRAME.clone();
        p[3] = 0x02; // SID=1
        assertFalse(detect(p));
    }

    @Test
    void rejectsEveryTruncationOfTheDescriptor() {
        byte[] full = bytes(NON_FLEXIBLE_KEYFRAME);
        for (int length = 0; length <= 13; length++) {
            assertFalse(VP9.isKeyframe(full, 0, length), "length " + length);
        }
        assertTrue(VP9.isKeyframe(full, 0, 14));
    }

    @Test
    void rejectsAScalabilityStructureLongerThanThePacket() {
        assertFalse(detect(0x0A, 0xF0, 0x00)); // B V, N_S=7 with Y: 32 bytes of sizes missing
    }
}
