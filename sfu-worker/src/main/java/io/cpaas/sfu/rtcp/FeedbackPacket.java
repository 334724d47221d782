package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;

/**
 * The common layout of RTCP feedback messages (RFC 4585 §6.1), shared by RTPFB (205) and PSFB
 * (206): header with FMT, sender SSRC, media source SSRC, then feedback control information (FCI).
 */
public final class FeedbackPacket {

    /** Header, sender SSRC and media source SSRC: where the FCI starts. */
    public static final int FCI_START = 12;

    private FeedbackPacket() {
    }

    public static int format(byte[] buf, int off) {
        return RtcpHeader.countOrFormat(buf, off);
    }

    public static int senderSsrc(byte[] buf, int off) {
        return i32(buf, off + 4);
    }

    public static int mediaSsrc(byte[] buf, int off) {
        return i32(buf, off + 8);
    }

    static void writeCommon(byte[] buf, int off, int format, int packetType, int length, int senderSsrc,
            int mediaSsrc) {
        RtcpHeader.write(buf, off, format, packetType, length);
        putI32(buf, off + 4, senderSsrc);
        putI32(buf, off + 8, mediaSsrc);
    }
}
