package io.cpaas.sfu.rtcp;

/**
 * Picture Loss Indication (RFC 4585 §6.3.1, PSFB FMT 1): asks the sender of the media source for a
 * keyframe. No FCI. The worker sends one to a publisher when a subscriber starts or switches
 * layers, and forwards subscribers' PLIs (rate-limited).
 */
public final class Pli {

    public static final int LENGTH = FeedbackPacket.FCI_START;

    private Pli() {
    }

    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= LENGTH;
    }

    /** Writes a PLI about {@code mediaSsrc}; returns its length, 12. */
    public static int write(byte[] buf, int off, int senderSsrc, int mediaSsrc) {
        RtcpHeader.requireCapacity(buf, off, LENGTH, "a PLI");
        FeedbackPacket.writeCommon(buf, off, RtcpHeader.FMT_PLI, RtcpHeader.PSFB, LENGTH, senderSsrc, mediaSsrc);
        return LENGTH;
    }
}
