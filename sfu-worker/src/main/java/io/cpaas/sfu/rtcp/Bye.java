package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;

/**
 * Goodbye (RFC 3550 §6.6, PT 203): the listed sources are leaving. An optional reason text after
 * the SSRCs is ignored.
 */
public final class Bye {

    private Bye() {
    }

    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= 4 + 4 * RtcpHeader.countOrFormat(buf, off);
    }

    public static int ssrcCount(byte[] buf, int off) {
        return RtcpHeader.countOrFormat(buf, off);
    }

    public static int ssrc(byte[] buf, int off, int index) {
        return i32(buf, off + 4 + 4 * index);
    }

    /** Writes a BYE for {@code count} (0–31) SSRCs from {@code ssrcs}; returns its length. */
    public static int write(byte[] buf, int off, int[] ssrcs, int count) {
        if (count < 0 || count > 31 || count > ssrcs.length) {
            throw new IllegalArgumentException("a BYE carries 0..31 SSRCs, not " + count);
        }
        int length = 4 + 4 * count;
        RtcpHeader.requireCapacity(buf, off, length, "a BYE");
        RtcpHeader.write(buf, off, count, RtcpHeader.BYE, length);
        for (int i = 0; i < count; i++) {
            putI32(buf, off + 4 + 4 * i, ssrcs[i]);
        }
        return length;
    }
}
