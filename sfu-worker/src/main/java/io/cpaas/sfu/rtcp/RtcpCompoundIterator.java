package io.cpaas.sfu.rtcp;

/**
 * Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) with bounds checks, without
 * copying or allocating; one instance is reused for every datagram a thread handles.
 *
 * <pre>{@code
 * RtcpCompoundIterator it = ...;          // a field, reused
 * it.wrap(buf, off, len);
 * while (it.next()) {
 *     switch (it.packetType()) {
 *         case RtcpHeader.PSFB -> { if (it.countOrFormat() == RtcpHeader.FMT_PLI) ... Pli ...; }
 *         case RtcpHeader.RTPFB -> { if (it.countOrFormat() == RtcpHeader.FMT_NACK)
 *                 Nack.lostSequenceNumbers(buf, it.offset(), it.length(), seqs); }
 *         ...
 *     }
 * }
 * if (it.isMalformed()) ... count it
 * }</pre>
 *
 * <p>Each packet must have version 2 and a length field within the datagram; padding (P bit) is
 * accepted only on the last packet and must fit. Packets of the types this package reads (SR, RR,
 * BYE, NACK, PLI, FIR, REMB, transport-cc) must also hold the structure their header announces, so
 * the readers may be used on them without further checks. SDES, APP, XR and unknown types are only
 * bounds-checked, for the caller to skip. The first malformed packet ends the iteration with
 * {@link #isMalformed()} true; RFC 3550 Appendix A.2 says to drop the whole compound then, which a
 * caller who must act all-or-nothing does by wrapping with {@link #wrapWellFormed}. Reduced-size
 * RTCP (RFC 5506, which Chromium uses) is accepted: the first packet need not be an SR or RR.
 */
public final class RtcpCompoundIterator {

    private byte[] buf;
    private int end;
    private int next;
    private int current = -1;
    private int currentLength;
    private boolean malformed;

    /**
     * Starts iterating over {@code len} bytes of {@code buf} from {@code off}. Never throws; a range
     * outside the array is malformed.
     */
    public RtcpCompoundIterator wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.current = -1;
        this.currentLength = 0;
        this.malformed = buf == null || off < 0 || len < 0 || off > buf.length - len;
        this.next = off;
        this.end = malformed ? off : off + len;
        return this;
    }

    /**
     * Moves to the next packet.
     *
     * @return true if positioned on a well-formed packet; false at the end or on a malformed packet
     *     (then {@link #isMalformed()} is true)
     */
    public boolean next() {
        current = -1;
        currentLength = 0;
        if (malformed || next >= end) {
            return false;
        }
        int p = next;
        int remaining = end - p;
        if (remaining < RtcpHeader.HEADER_LENGTH || RtcpHeader.version(buf, p) != 2) {
            malformed = true;
            return false;
        }
        int packetLength = RtcpHeader.packetLength(buf, p);
        if (packetLength > remaining) {
            malformed = true;
            return false;
        }
        int length = packetLength;
        if (RtcpHeader.padding(buf, p)) {
            int padding = buf[p + packetLength - 1] & 0xFF;
            if (p + packetLength != end || padding == 0 || padding > packetLength - RtcpHeader.HEADER_LENGTH) {
                malformed = true;
                return false;
            }
            length -= padding;
        }
        if (!structureHolds(p, length)) {
            malformed = true;
            return false;
        }
        current = p;
        currentLength = length;
        next = p + packetLength;
        return true;
    }

    private boolean structureHolds(int p, int length) {
        int format = RtcpHeader.countOrFormat(buf, p);
        switch (RtcpHeader.packetType(buf, p)) {
            case RtcpHeader.SR:
                return SenderReport.isValid(buf, p, length);
            case RtcpHeader.RR:
                return ReceiverReport.isValid(buf, p, length);
            case RtcpHeader.BYE:
                return Bye.isValid(buf, p, length);
            case RtcpHeader.RTPFB:
                if (length < FeedbackPacket.FCI_START) {
                    return false;
                }
                if (format == RtcpHeader.FMT_NACK) {
                    return Nack.isValid(buf, p, length);
                }
                if (format == RtcpHeader.FMT_TRANSPORT_CC) {
                    return TransportCcFeedback.isValid(buf, p, length);
                }
                return true;
            case RtcpHeader.PSFB:
                if (length < FeedbackPacket.FCI_START) {
                    return false;
                }
                if (format == RtcpHeader.FMT_FIR) {
                    return Fir.isValid(buf, p, length);
                }
                // Application layer feedback other than REMB is legal; isRemb tells them apart.
                return true;
            default:
                return true;
        }
    }

    /** Whether the current packet (a PSFB FMT 15) is a complete REMB. */
    public boolean isRemb() {
        return current >= 0 && packetType() == RtcpHeader.PSFB && countOrFormat() == RtcpHeader.FMT_AFB
                && Remb.isValid(buf, current, currentLength);
    }

    /** Whether iteration stopped on a malformed packet. */
    public boolean isMalformed() {
        return malformed;
    }

    /** Absolute offset of the current packet in the buffer. */
    public int offset() {
        return current;
    }

    /** Length of the current packet, padding excluded. */
    public int length() {
        return currentLength;
    }

    public int packetType() {
        return RtcpHeader.packetType(buf, current);
    }

    public int countOrFormat() {
        return RtcpHeader.countOrFormat(buf, current);
    }

    public byte[] buffer() {
        return buf;
    }

    /**
     * Checks that every packet of the compound is well-formed (by the rules of {@link #next()}) and
     * that there is at least one, then leaves this iterator wrapped at the first packet, ready to
     * iterate: the all-or-nothing variant of {@link #wrap}.
     *
     * @return whether the compound is well-formed; if not, {@link #next()} returns false at once
     */
    public boolean wrapWellFormed(byte[] buf, int off, int len) {
        wrap(buf, off, len);
        int packets = 0;
        while (next()) {
            packets++;
        }
        if (malformed || packets == 0) {
            malformed = true;
            return false;
        }
        wrap(buf, off, len);
        return true;
    }
}
