package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;
import static io.cpaas.sfu.rtcp.RtcpHeader.u8;

/**
 * Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03, PSFB FMT 15 with the
 * identifier 'REMB'): the total bitrate the receiver estimates it can take for the listed SSRCs.
 * A Chromium sender negotiated with {@code goog-remb} caps its send rate at this value. The media
 * source SSRC of the common header is unused (0).
 *
 * <pre>
 *  'R' 'E' 'M' 'B'
 *  Num SSRC(8) | BR Exp(6) | BR Mantissa(18)     bitrate = mantissa * 2^exp bits per second
 *  SSRC feedback(32)                             Num SSRC times
 * </pre>
 */
public final class Remb {

    private static final int IDENTIFIER = ('R' << 24) | ('E' << 16) | ('M' << 8) | 'B';
    private static final int MAX_MANTISSA = (1 << 18) - 1;
    public static final int SSRCS_START = 20;

    private Remb() {
    }

    /** Whether a PSFB FMT 15 packet is a complete REMB. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= SSRCS_START && i32(buf, off + 12) == IDENTIFIER
                && len >= SSRCS_START + 4 * u8(buf, off + 16);
    }

    /** The bitrate in bits per second, saturating at {@link Long#MAX_VALUE}. */
    public static long bitrate(byte[] buf, int off) {
        int word = i32(buf, off + 16);
        int exponent = (word >>> 18) & 0x3F;
        long mantissa = word & MAX_MANTISSA;
        if (mantissa != 0 && Long.numberOfLeadingZeros(mantissa) <= exponent) {
            return Long.MAX_VALUE;
        }
        return mantissa << exponent;
    }

    public static int ssrcCount(byte[] buf, int off) {
        return u8(buf, off + 16);
    }

    public static int ssrc(byte[] buf, int off, int index) {
        return i32(buf, off + SSRCS_START + 4 * index);
    }

    public static int length(int ssrcCount) {
        return SSRCS_START + 4 * ssrcCount;
    }

    /**
     * Writes a REMB of {@code bitrateBps} (rounded down to what an 18-bit mantissa holds) for
     * {@code count} (0–255) SSRCs from {@code ssrcs}.
     *
     * @return the packet's length
     */
    public static int write(byte[] buf, int off, int senderSsrc, long bitrateBps, int[] ssrcs, int count) {
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("bitrate must not be negative, was " + bitrateBps);
        }
        if (count < 0 || count > 255 || count > ssrcs.length) {
            throw new IllegalArgumentException("a REMB carries 0..255 SSRCs, not " + count);
        }
        int length = length(count);
        RtcpHeader.requireCapacity(buf, off, length, "a REMB");
        FeedbackPacket.writeCommon(buf, off, RtcpHeader.FMT_AFB, RtcpHeader.PSFB, length, senderSsrc, 0);
        int exponent = 0;
        long mantissa = bitrateBps;
        while (mantissa > MAX_MANTISSA) {
            mantissa >>>= 1;
            exponent++;
        }
        putI32(buf, off + 12, IDENTIFIER);
        putI32(buf, off + 16, (count << 24) | (exponent << 18) | (int) mantissa);
        for (int i = 0; i < count; i++) {
            putI32(buf, off + SSRCS_START + 4 * i, ssrcs[i]);
        }
        return length;
    }
}
