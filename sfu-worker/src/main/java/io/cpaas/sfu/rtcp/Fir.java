package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.i32;
import static io.cpaas.sfu.rtcp.RtcpHeader.putI32;
import static io.cpaas.sfu.rtcp.RtcpHeader.u8;

/**
 * Full Intra Request (RFC 5104 §4.3.1, PSFB FMT 4): asks for a decoder refresh point. The media
 * source SSRC of the common header is unused (0); each FCI entry names the target SSRC and a
 * command sequence number the requester increments for every new request (repeats of the same
 * request keep it, so the sender can tell them apart).
 *
 * <pre>
 *  SSRC(32) | Seq nr.(8) | Reserved(24)     one or more times
 * </pre>
 */
public final class Fir {

    public static final int FCI_ENTRY_LENGTH = 8;
    /** Length of a FIR with one entry, as {@link #write} produces. */
    public static final int LENGTH = FeedbackPacket.FCI_START + FCI_ENTRY_LENGTH;

    private Fir() {
    }

    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= LENGTH;
    }

    public static int entryCount(int len) {
        return (len - FeedbackPacket.FCI_START) / FCI_ENTRY_LENGTH;
    }

    public static int entrySsrc(byte[] buf, int off, int index) {
        return i32(buf, off + FeedbackPacket.FCI_START + FCI_ENTRY_LENGTH * index);
    }

    public static int entrySequenceNumber(byte[] buf, int off, int index) {
        return u8(buf, off + FeedbackPacket.FCI_START + FCI_ENTRY_LENGTH * index + 4);
    }

    /** Writes a FIR for {@code targetSsrc} with command sequence number {@code sequenceNumber} (low 8 bits). */
    public static int write(byte[] buf, int off, int senderSsrc, int targetSsrc, int sequenceNumber) {
        RtcpHeader.requireCapacity(buf, off, LENGTH, "a FIR");
        FeedbackPacket.writeCommon(buf, off, RtcpHeader.FMT_FIR, RtcpHeader.PSFB, LENGTH, senderSsrc, 0);
        int p = off + FeedbackPacket.FCI_START;
        putI32(buf, p, targetSsrc);
        putI32(buf, p + 4, (sequenceNumber & 0xFF) << 24);
        return LENGTH;
    }
}
