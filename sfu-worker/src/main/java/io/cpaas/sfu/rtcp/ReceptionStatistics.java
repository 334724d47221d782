package io.cpaas.sfu.rtcp;

import io.cpaas.sfu.rtp.SequenceNumberUnwrapper;

/**
 * What one received RTP stream (one SSRC) looks like from here, as a receiver report block says it
 * (RFC 3550 §6.4.1): loss since the last report and since the start (Appendix A.3), the extended
 * highest sequence number (A.1), interarrival jitter (A.8), and LSR/DLSR from the sender's last SR.
 *
 * <p>The per-packet work is a sequence number unwrap, a few additions and one jitter update; nothing
 * is allocated. Jitter follows A.8 in its integer form ({@code J += |D| - ((J + 8) >> 4)}, J scaled by
 * 16) and, like libwebrtc's receiver, is updated only by packets that are newer than every packet
 * before them and start a new timestamp (the first packet of a video frame; every audio packet), so
 * that reordering and the packets of one frame sent back to back do not read as jitter; a timestamp
 * step of 5 s or more (a sender restarting its clock) is not taken as jitter either. Received packets
 * are counted as they come, duplicates included, so cumulative loss can go negative as A.3 allows.
 *
 * <p>Not thread-safe: one instance per received SSRC, used by the thread that receives it, which
 * also writes its report blocks.
 */
public final class ReceptionStatistics {

    private final int clockRate;
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

    private boolean started;
    private long baseSequence;
    private long highestSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private long firstArrivalNanos;
    private int lastTransit;
    private int lastTimestamp;
    /** Interarrival jitter in RTP clock units, times 16. */
    private int jitterTimes16;

    private boolean hasSenderReport;
    private long lastSenderReportNtp;
    private long lastSenderReportArrivalNanos;

    /** @param clockRate the stream's RTP clock rate in Hz (90000 for video, 48000 for Opus) */
    public ReceptionStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Counts one received packet.
     *
     * @param arrivalNanos a monotonic clock ({@link System#nanoTime()}), in nanoseconds
     */
    public void onPacket(int sequenceNumber, int timestamp, long arrivalNanos) {
        long extended = unwrapper.unwrap(sequenceNumber);
        // Arrival in RTP clock units, from microseconds since the first packet: exact for 3 years at 90 kHz.
        if (!started) {
            started = true;
            baseSequence = extended;
            highestSequence = extended;
            received = 1;
            firstArrivalNanos = arrivalNanos;
            lastTimestamp = timestamp;
            lastTransit = -timestamp;
            return;
        }
        received++;
        if (extended < baseSequence) {
            baseSequence = extended; // reordered ahead of the first packet seen
        }
        if (extended <= highestSequence) {
            return;
        }
        highestSequence = extended;
        if (timestamp == lastTimestamp) {
            return;
        }
        int arrival = (int) ((arrivalNanos - firstArrivalNanos) / 1_000 * clockRate / 1_000_000);
        int transit = arrival - timestamp;
        int d = Math.abs(transit - lastTransit);
        lastTransit = transit;
        lastTimestamp = timestamp;
        if (d < 5 * clockRate) {
            jitterTimes16 += d - ((jitterTimes16 + 8) >> 4);
        }
    }

    /**
     * Remembers the sender's latest SR for the LSR and DLSR fields.
     *
     * @param ntpTimestamp the SR's NTP timestamp
     * @param arrivalNanos when it arrived, on the clock of {@link #onPacket}
     */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        hasSenderReport = true;
        lastSenderReportNtp = ntpTimestamp;
        lastSenderReportArrivalNanos = arrivalNanos;
    }

    /** Whether a packet was counted, so that a report block says something. */
    public boolean started() {
        return started;
    }

    /**
     * Writes the report block about this stream at {@code block} (see {@link ReportBlock}) and starts
     * the next reporting interval: the block's fraction lost covers the time since the previous call.
     *
     * @param ssrc the stream's SSRC
     * @param nowNanos now, on the clock of {@link #onPacket}, for DLSR
     * @return the offset just after the block
     */
    public int writeReportBlock(byte[] buf, int block, int ssrc, long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        int lsr = hasSenderReport ? NtpTime.middle32(lastSenderReportNtp) : 0;
        int dlsr = hasSenderReport ? NtpTime.toShortUnits(nowNanos - lastSenderReportArrivalNanos) : 0;
        long lost = cumulativeLost();
        return ReportBlock.write(buf, block, ssrc, fraction, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, lost)),
                (int) highestSequence, jitter(), lsr, dlsr);
    }

    /** Packets expected from the first sequence number to the highest (A.3); 0 before any packet. */
    public long expected() {
        return started ? highestSequence - baseSequence + 1 : 0;
    }

    /** Packets received, duplicates included. */
    public long received() {
        return received;
    }

    /** Expected minus received since the start; negative when duplicates outnumber losses. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /**
     * The extended highest sequence number (cycles in the high 16 bits), as a report block carries it;
     * meaningless before any packet.
     */
    public long extendedHighestSequenceNumber() {
        return highestSequence;
    }

    /** Interarrival jitter in RTP clock units, as a report block carries it. */
    public int jitter() {
        return jitterTimes16 >> 4;
    }

    public int clockRate() {
        return clockRate;
    }
}
