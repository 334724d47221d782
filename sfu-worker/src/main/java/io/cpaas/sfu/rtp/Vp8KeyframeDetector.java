package io.cpaas.sfu.rtp;

/**
 * VP8 keyframes (RFC 7741): the packet starts partition 0 of a frame (S=1, PID=0) and the VP8
 * payload header's P bit, the inverse key frame flag, is 0; the key frame start code 9D 01 2A that
 * follows the 3-byte frame tag (RFC 6386 §9.1) is checked too, which rules out corrupt payloads.
 *
 * <pre>
 *  X|R|N|S|R|PID      payload descriptor, first octet
 *  I|L|T|K|RSV        if X
 *  M|PictureID(7)     if I, then PictureID(8) if M
 *  TL0PICIDX          if L
 *  TID|Y|KEYIDX       if T or K
 *  Size0|H|VER|P      VP8 payload header (frame tag), then Size1, Size2, then start code if P=0
 * </pre>
 */
public final class Vp8KeyframeDetector implements KeyframeDetector {

    public static final Vp8KeyframeDetector INSTANCE = new Vp8KeyframeDetector();

    private Vp8KeyframeDetector() {
    }

    @Override
    public boolean isKeyframe(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length <= 0 || offset > buf.length - length) {
            return false;
        }
        int end = offset + length;
        int b0 = buf[offset] & 0xFF;
        boolean startOfPartition = (b0 & 0x10) != 0;
        int partitionIndex = b0 & 0x07;
        if (!startOfPartition || partitionIndex != 0) {
            return false;
        }
        int p = offset + 1;
        if ((b0 & 0x80) != 0) {
            if (p >= end) {
                return false;
            }
            int x = buf[p++] & 0xFF;
            if ((x & 0x80) != 0) { // I: picture id
                if (p >= end) {
                    return false;
                }
                p += (buf[p] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                p++;
            }
            if ((x & 0x30) != 0) { // T or K: TID|Y|KEYIDX
                p++;
            }
        }
        // Frame tag (3 bytes) then the 3-byte start code.
        if (p + 6 > end) {
            return false;
        }
        boolean interFrame = (buf[p] & 0x01) != 0;
        return !interFrame
                && (buf[p + 3] & 0xFF) == 0x9D
                && (buf[p + 4] & 0xFF) == 0x01
                && (buf[p + 5] & 0xFF) == 0x2A;
    }
}
