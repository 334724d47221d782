package io.cpaas.sfu.rtp;

/**
 * Keeps the VP8 payload descriptor's PictureID and TL0PICIDX (RFC 7741 §4.2) continuous in a
 * forwarded stream whose source changes (a simulcast layer switch), as {@link RtpRewriter} does for
 * sequence numbers and timestamps. Each simulcast layer numbers its pictures from its own random
 * start; without this a receiver may take the new layer's keyframe for a picture older than the
 * ones it decoded and drop it, and the video freezes.
 *
 * <p>Within one source, {@code out = in + offset}; the first packet of a new source (another SSRC;
 * the caller switches on a keyframe) continues right after the highest PictureID and TL0PICIDX
 * forwarded so far. Both the 7-bit and the 15-bit PictureID forms are rewritten in place, so the
 * packet length never changes; descriptors without these fields are left alone.
 *
 * <p>Not thread-safe: one instance per forwarded stream, used by the thread that forwards it.
 * Allocation-free.
 */
public final class Vp8DescriptorRewriter {

    private boolean started;
    private int sourceSsrc;
    private int pictureIdOffset;
    private int tl0Offset;
    private int highestPictureId = -1;
    private int highestTl0 = -1;

    /**
     * Rewrites the descriptor at the start of a VP8 payload in place.
     *
     * @param ssrc the SSRC the packet arrived on (before any SSRC rewriting)
     */
    public void rewrite(byte[] buf, int payloadOffset, int payloadLength, int ssrc) {
        int end = payloadOffset + payloadLength;
        int p = payloadOffset;
        if (payloadLength < 2 || (buf[p] & 0x80) == 0) {
            return; // no extended control bits: no PictureID, no TL0PICIDX
        }
        int control = buf[p + 1] & 0xFF;
        p += 2;
        int pictureIdAt = -1;
        boolean longPictureId = false;
        if ((control & 0x80) != 0) {
            if (p >= end) {
                return;
            }
            longPictureId = (buf[p] & 0x80) != 0;
            pictureIdAt = p;
            p += longPictureId ? 2 : 1;
        }
        int tl0At = -1;
        if ((control & 0x40) != 0) {
            tl0At = p;
            p++;
        }
        if (p > end) {
            return;
        }
        int pictureId = pictureIdAt < 0 ? -1
                : longPictureId ? ((buf[pictureIdAt] & 0x7F) << 8) | (buf[pictureIdAt + 1] & 0xFF) : buf[pictureIdAt] & 0x7F;
        int tl0 = tl0At < 0 ? -1 : buf[tl0At] & 0xFF;
        if (!started || ssrc != sourceSsrc) {
            pictureIdOffset = pictureId < 0 || highestPictureId < 0 ? 0 : (highestPictureId + 1 - pictureId) & 0x7FFF;
            tl0Offset = tl0 < 0 || highestTl0 < 0 ? 0 : (highestTl0 + 1 - tl0) & 0xFF;
            started = true;
            sourceSsrc = ssrc;
        }
        if (pictureId >= 0) {
            int out = (pictureId + pictureIdOffset) & 0x7FFF;
            if (longPictureId) {
                buf[pictureIdAt] = (byte) (0x80 | (out >>> 8));
                buf[pictureIdAt + 1] = (byte) out;
            } else {
                out &= 0x7F;
                buf[pictureIdAt] = (byte) out;
            }
            int modulus = longPictureId ? 0x8000 : 0x80;
            if (highestPictureId < 0 || ((out - highestPictureId) & (modulus - 1)) < modulus / 2) {
                highestPictureId = out;
            }
        }
        if (tl0 >= 0) {
            int out = (tl0 + tl0Offset) & 0xFF;
            buf[tl0At] = (byte) out;
            if (highestTl0 < 0 || ((out - highestTl0) & 0xFF) < 0x80) {
                highestTl0 = out;
            }
        }
    }
}
