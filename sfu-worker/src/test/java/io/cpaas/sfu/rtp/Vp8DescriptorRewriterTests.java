package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Vp8DescriptorRewriterTests {

    /** X=1, S=1; I=1, L=1, T=1; 15-bit PictureID; TL0PICIDX; TID/KEYIDX; then one payload byte. */
    private static byte[] descriptor(int pictureId, int tl0) {
        return new byte[] {(byte) 0x90, (byte) 0xE0, (byte) (0x80 | (pictureId >>> 8)), (byte) pictureId, (byte) tl0, 0x40, 0x10};
    }

    private static int pictureId(byte[] d) {
        return ((d[2] & 0x7F) << 8) | (d[3] & 0xFF);
    }

    @Test
    void withinOneSourceNothingChanges() {
        Vp8DescriptorRewriter rewriter = new Vp8DescriptorRewriter();
        for (int i = 0; i < 5; i++) {
            byte[] d = descriptor(1000 + i, 7 + i);
            rewriter.rewrite(d, 0, d.length, 11);
            assertArrayEquals(descriptor(1000 + i, 7 + i), d);
        }
    }

    @Test
    void aNewSourceContinuesRightAfterTheHighestPictureIdAndTl0PicIdx() {
        Vp8DescriptorRewriter rewriter = new Vp8DescriptorRewriter();
        byte[] first = descriptor(30_000, 250);
        rewriter.rewrite(first, 0, first.length, 11);
        byte[] switched = descriptor(12, 3);
        rewriter.rewrite(switched, 0, switched.length, 22);
        assertEquals(30_001, pictureId(switched));
        assertEquals(251, switched[4] & 0xFF);
        byte[] next = descriptor(13, 4);
        rewriter.rewrite(next, 0, next.length, 22);
        assertEquals(30_002, pictureId(next));
        assertEquals(252, next[4] & 0xFF);
        byte[] wrapping = descriptor(12 + 32_768 - 30_001, 10);
        rewriter.rewrite(wrapping, 0, wrapping.length, 22);
        assertEquals(0, pictureId(wrapping), "PictureID wraps at 15 bits");
    }

    @Test
    void sevenBitPictureIdsAndDescriptorsWithoutFieldsAreHandled() {
        Vp8DescriptorRewriter rewriter = new Vp8DescriptorRewriter();
        byte[] shortForm = {(byte) 0x90, (byte) 0x80, 0x7F, 0x10};
        rewriter.rewrite(shortForm, 0, shortForm.length, 1);
        byte[] other = {(byte) 0x90, (byte) 0x80, 0x05, 0x10};
        rewriter.rewrite(other, 0, other.length, 2);
        assertEquals(0, other[2], "127 + 1 wraps to 0 in the 7-bit form");
        byte[] plain = {0x10, 0x00, 0x01};
        rewriter.rewrite(plain, 0, plain.length, 3);
        assertArrayEquals(new byte[] {0x10, 0x00, 0x01}, plain);
        byte[] truncated = {(byte) 0x90, (byte) 0x80};
        rewriter.rewrite(truncated, 0, truncated.length, 4);
        assertArrayEquals(new byte[] {(byte) 0x90, (byte) 0x80}, truncated);
    }
}
