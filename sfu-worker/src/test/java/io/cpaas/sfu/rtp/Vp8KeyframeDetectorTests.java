package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Vp8KeyframeDetectorTests {

    private static final KeyframeDetector VP8 = Vp8KeyframeDetector.INSTANCE;

    /** Frame tag with P=0 (key frame), then the start code and a 640x480 size. */
    private static final int[] KEY_FRAME_HEADER = {0x50, 0x12, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01};

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(int[] descriptor, int[] rest) {
        int[] all = new int[descriptor.length + rest.length];
        System.arraycopy(descriptor, 0, all, 0, descriptor.length);
        System.arraycopy(rest, 0, all, descriptor.length, rest.length);
        return bytes(all);
    }

    private static boolean detect(byte[] payload) {
        return VP8.isKeyframe(payload, 0, payload.length);
    }

    @Test
    void detectsAKeyFrameWithTheMinimalDescriptor() {
        assertTrue(detect(concat(new int[] {0x10}, KEY_FRAME_HEADER)));
    }

    @Test
    void detectsAKeyFrameBehindAFullExtendedDescriptor() {
        // X=1,S=1 | I,L,T set | M=1 15-bit picture id | TL0PICIDX | TID/Y/KEYIDX
        int[] descriptor = {0x90, 0xE0, 0x80 | 0x12, 0x34, 0x07, 0x20};
        assertTrue(detect(concat(descriptor, KEY_FRAME_HEADER)));
    }

    @Test
    void detectsAKeyFrameWithA7BitPictureIdAndKeyIndexOnly() {
        int[] descriptor = {0x90, 0x90, 0x12, 0x05}; // I and K
        assertTrue(detect(concat(descriptor, KEY_FRAME_HEADER)));
    }

    @Test
    void rejectsAnInterFrame() {
        int[] interHeader = KEY_FRAME_HEADER.clone();
        interHeader[0] = 0x51; // P=1
        assertFalse(detect(concat(new int[] {0x10}, interHeader)));
    }

    @Test
    void rejectsPacketsThatDoNotStartPartitionZero() {
        assertFalse(detect(concat(new int[] {0x00}, KEY_FRAME_HEADER)), "S=0: continuation packet");
        assertFalse(detect(concat(new int[] {0x11}, KEY_FRAME_HEADER)), "PID=1");
    }

    @Test
    void rejectsAKeyFrameBitWithoutTheStartCode() {
        int[] header = KEY_FRAME_HEADER.clone();
        header[3] = 0x00;
        assertFalse(detect(concat(new int[] {0x10}, header)));
    }

    @Test
    void rejectsTruncatedPayloads() {
        byte[] full = concat(new int[] {0x90, 0xE0, 0x80, 0x01, 0x07, 0x20}, KEY_FRAME_HEADER);
        for (int length = 0; length < 12; length++) {
            assertFalse(VP8.isKeyframe(full, 0, length), "length " + length);
        }
        assertTrue(VP8.isKeyframe(full, 0, 12));
        assertFalse(VP8.isKeyframe(full, 5, full.length), "range past the array");
    }

    @Test
    void isFoundByItsEncodingName() {
        assertTrue(KeyframeDetector.forEncoding("vp8").orElseThrow() == VP8);
        assertTrue(KeyframeDetector.forEncoding("VP9").orElseThrow() == Vp9KeyframeDetector.INSTANCE);
        assertTrue(KeyframeDetector.forEncoding("H264").orElseThrow() == H264KeyframeDetector.INSTANCE);
        assertTrue(KeyframeDetector.forEncoding("opus").isEmpty());
    }
}
