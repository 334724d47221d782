package io.cpaas.sfu.rtcp;

import static io.cpaas.sfu.rtcp.RtcpHeader.putU16;
import static io.cpaas.sfu.rtcp.RtcpHeader.u16;

/**
 * Generic NACK (RFC 4585 §6.2.1, RTPFB FMT 1): a list of lost RTP sequence numbers of the media
 * source, as FCI entries of PID (a lost packet) and BLP (bit i set: PID+i+1 lost too).
 *
 * <pre>
 *  PID(16) | BLP(16)     one or more times after the common feedback header
 * </pre>
 */
public final class Nack {

    public static final int FCI_ENTRY_LENGTH = 4;

    private Nack() {
    }

    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= FeedbackPacket.FCI_START + FCI_ENTRY_LENGTH;
    }

    public static int entryCount(int len) {
        return (len - FeedbackPacket.FCI_START) / FCI_ENTRY_LENGTH;
    }

    /** How many sequence numbers the packet of {@code len} bytes reports lost. */
    public static int lostCount(byte[] buf, int off, int len) {
        int n = 0;
        for (int p = off + FeedbackPacket.FCI_START; p + FCI_ENTRY_LENGTH <= off + len; p += FCI_ENTRY_LENGTH) {
            n += 1 + Integer.bitCount(u16(buf, p + 2));
        }
        return n;
    }

    /**
     * Writes the lost sequence numbers, in packet order, into {@code dst}.
     *
     * @return how many were written: all of them, or {@code dst.length} if there are more
     */
    public static int lostSequenceNumbers(byte[] buf, int off, int len, int[] dst) {
        int n = 0;
        for (int p = off + FeedbackPacket.FCI_START; p + FCI_ENTRY_LENGTH <= off + len; p += FCI_ENTRY_LENGTH) {
            int pid = u16(buf, p);
            int blp = u16(buf, p + 2);
            if (n == dst.length) {
                return n;
            }
            dst[n++] = pid;
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    if (n == dst.length) {
                        return n;
                    }
                    dst[n++] = (pid + bit + 1) & 0xFFFF;
                }
            }
        }
        return n;
    }

    /** Largest packet {@link #write} can produce for {@code count} sequence numbers. */
    public static int maxLength(int count) {
        return FeedbackPacket.FCI_START + FCI_ENTRY_LENGTH * Math.max(1, count);
    }

    /**
     * Writes a NACK for {@code count} (at least 1) sequence numbers from {@code seqs[from]}. Each
     * number joins the current entry if it lies 1–16 after that entry's PID, or starts a new entry:
     * pass them in ascending (modular) order for the most compact packet; any order is correct.
     *
     * @return the packet's length
     */
    public static int write(byte[] buf, int off, int senderSsrc, int mediaSsrc, int[] seqs, int from, int count) {
        if (count < 1 || from < 0 || from + count > seqs.length) {
            throw new IllegalArgumentException("a NACK needs 1 or more sequence numbers within the array, got "
                    + count + " from " + from);
        }
        RtcpHeader.requireCapacity(buf, off, maxLength(count), "a NACK");
        int p = off + FeedbackPacket.FCI_START;
        int pid = seqs[from] & 0xFFFF;
        int blp = 0;
        for (int i = from + 1; i < from + count; i++) {
            int seq = seqs[i] & 0xFFFF;
            int distance = (seq - pid) & 0xFFFF;
            if (distance >= 1 && distance <= 16) {
                blp |= 1 << (distance - 1);
            } else if (distance != 0) {
                putU16(buf, p, pid);
                putU16(buf, p + 2, blp);
                p += FCI_ENTRY_LENGTH;
                pid = seq;
                blp = 0;
            }
        }
        putU16(buf, p, pid);
        putU16(buf, p + 2, blp);
        p += FCI_ENTRY_LENGTH;
        int length = p - off;
        FeedbackPacket.writeCommon(buf, off, RtcpHeader.FMT_NACK, RtcpHeader.RTPFB, length, senderSsrc, mediaSsrc);
        return length;
    }
}
