package io.cpaas.sfu.rtp;

/**
 * Rewrites one forwarded stream (one track toward one subscriber) so that the subscriber sees a
 * single continuous RTP stream, whatever publisher SSRC the packets currently come from (simulcast
 * layer switches, active-speaker switches, a publisher reconnecting with a new SSRC).
 *
 * <h2>The rule</h2>
 * <ul>
 *   <li>Every packet leaves with the fixed outgoing SSRC. Within one source,
 *       {@code out.seq = in.seq + seqOffset (mod 2^16)} and {@code out.ts = in.ts + tsOffset
 *       (mod 2^32)}, so reordering and loss on the publisher side pass through unchanged and NACKs
 *       from the subscriber map back one-to-one.</li>
 *   <li>The first packet of a new source (any SSRC other than the current one) starts right after
 *       the highest packet forwarded so far: its sequence number is that one's plus 1, and its
 *       timestamp that one's plus {@code max(frame interval, wall-clock time since that packet)}
 *       in RTP clock units. The frame interval is the last timestamp step observed between two
 *       consecutive packets of the previous source ({@code defaultFrameInterval} until one is seen).
 *       Using the larger of the two keeps the receiver's jitter buffer and playout clock steady: a
 *       switch never makes time stand still or run backwards, and a pause is shown as a pause.</li>
 *   <li>Packets of the current source older than its first forwarded packet are dropped
 *       ({@link #rewrite} returns false): their outgoing numbers would collide with the previous
 *       source's.</li>
 * </ul>
 * The caller decides what to forward: hand only packets meant for this subscriber, and switch only
 * on a keyframe, or the subscriber cannot decode until the next one. A late packet from a source
 * switched away from must be dropped by the caller, since this class would take it as a switch back.
 *
 * <p>Not thread-safe: one instance per forwarded stream, used by the thread that forwards it.
 */
public final class RtpRewriter {

    /** Longest timestamp jump on a switch, so that a very long pause never looks like going back. */
    private static final long MAX_JUMP_TICKS = 1L << 30;

    private final int outgoingSsrc;
    private final int clockRate;
    private final int defaultFrameInterval;

    private boolean started;
    private int sourceSsrc;
    private int seqOffset;
    private int tsOffset;
    private int firstSeqOfSource;
    private int highestInSeq;
    private int highestInTs;
    private int highestOutSeq;
    private int highestOutTs;
    private long lastForwardMillis;
    private int frameInterval;

    private long switches;
    private long dropped;
    private long skipped;

    /**
     * @param outgoingSsrc the SSRC the subscriber sees, announced in its SDP
     * @param clockRate RTP clock rate of the codec (90000 for video, 48000 for Opus)
     * @param defaultFrameInterval timestamp step assumed until one is observed (3000 for 30 fps
     *     video, 960 for 20 ms Opus)
     */
    public RtpRewriter(int outgoingSsrc, int clockRate, int defaultFrameInterval) {
        if (clockRate <= 0 || defaultFrameInterval <= 0) {
            throw new IllegalArgumentException("clock rate and frame interval must be positive, were "
                    + clockRate + " and " + defaultFrameInterval);
        }
        this.outgoingSsrc = outgoingSsrc;
        this.clockRate = clockRate;
        this.defaultFrameInterval = defaultFrameInterval;
        this.frameInterval = defaultFrameInterval;
    }

    /** A rewriter for 90 kHz video assuming 30 fps until it observes the real frame rate. */
    public static RtpRewriter forVideo(int outgoingSsrc) {
        return new RtpRewriter(outgoingSsrc, 90_000, 3_000);
    }

    /** A rewriter for 48 kHz Opus with 20 ms frames. */
    public static RtpRewriter forAudio(int outgoingSsrc) {
        return new RtpRewriter(outgoingSsrc, 48_000, 960);
    }

    /**
     * Rewrites SSRC, sequence number and timestamp of a valid packet in place.
     *
     * @param nowMillis a monotonic clock in milliseconds, used only to size the timestamp jump on a
     *     source switch
     * @return true if the packet is to be forwarded, false if it must be dropped (then it is left
     *     unchanged)
     */
    public boolean rewrite(RtpPacket packet, long nowMillis) {
        int ssrc = packet.ssrc();
        int seq = packet.sequenceNumber();
        int ts = packet.timestamp();
        if (!started) {
            started = true;
            startSource(ssrc, seq, ts, 0, 0);
        } else if (ssrc != sourceSsrc) {
            long elapsedTicks = Math.max(0, nowMillis - lastForwardMillis) * clockRate / 1000;
            long jump = Math.min(MAX_JUMP_TICKS, Math.max(frameInterval, elapsedTicks));
            int nextSeq = (highestOutSeq + 1) & 0xFFFF;
            int nextTs = highestOutTs + (int) jump;
            startSource(ssrc, seq, ts, nextSeq - seq, nextTs - ts);
            switches++;
        } else if (SequenceNumbers.isOlder(seq, firstSeqOfSource)) {
            dropped++;
            return false;
        } else if (SequenceNumbers.isNewer(seq, highestInSeq)) {
            if (seq == ((highestInSeq + 1) & 0xFFFF)) {
                int step = ts - highestInTs;
                if (step > 0 && step < clockRate) {
                    frameInterval = step;
                }
            }
            highestInSeq = seq;
            highestInTs = ts;
        }
        int outSeq = (seq + seqOffset) & 0xFFFF;
        int outTs = ts + tsOffset;
        if (seq == highestInSeq) {
            highestOutSeq = outSeq;
            highestOutTs = outTs;
            lastForwardMillis = nowMillis;
        }
        packet.setSsrc(outgoingSsrc);
        packet.setSequenceNumber(outSeq);
        packet.setTimestamp(outTs);
        return true;
    }

    /**
     * Leaves out a valid packet of the current source that would have been forwarded: the next
     * forwarded packet takes the number this one would have had. Ignored before the first forwarded
     * packet and for packets of another source (the next forwarded one is then a switch) or older
     * than the newest seen (a late packet takes no number of its own).
     */
    public void skip(RtpPacket packet) {
        int seq = packet.sequenceNumber();
        if (!started || packet.ssrc() != sourceSsrc || !SequenceNumbers.isNewer(seq, highestInSeq)) {
            return;
        }
        seqOffset = (seqOffset - 1) & 0xFFFF;
        highestInSeq = seq;
        highestInTs = packet.timestamp();
        firstSeqOfSource = (seq + 1) & 0xFFFF;
        skipped++;
    }

    private void startSource(int ssrc, int seq, int ts, int seqOffset, int tsOffset) {
        this.sourceSsrc = ssrc;
        this.seqOffset = seqOffset & 0xFFFF;
        this.tsOffset = tsOffset;
        this.firstSeqOfSource = seq;
        this.highestInSeq = seq;
        this.highestInTs = ts;
    }

    /**
     * Maps a timestamp of the current source to the outgoing timeline, for translating the source's
     * sender reports. Meaningless before the first packet.
     */
    public int mapTimestamp(int incomingTimestamp) {
        return incomingTimestamp + tsOffset;
    }

    /** Maps a sequence number of the current source to the outgoing numbering. */
    public int mapSequenceNumber(int incomingSequenceNumber) {
        return (incomingSequenceNumber + seqOffset) & 0xFFFF;
    }

    public int outgoingSsrc() {
        return outgoingSsrc;
    }

    /** The SSRC currently forwarded; meaningless before the first packet. */
    public int currentSourceSsrc() {
        return sourceSsrc;
    }

    public boolean started() {
        return started;
    }

    /** Highest outgoing sequence number so far. */
    public int highestOutgoingSequenceNumber() {
        return highestOutSeq;
    }

    /** Outgoing timestamp of the packet with the highest outgoing sequence number. */
    public int highestOutgoingTimestamp() {
        return highestOutTs;
    }

    /** The current frame interval estimate in RTP clock units. */
    public int frameInterval() {
        return frameInterval;
    }

    /** Source switches so far (not counting the first source). */
    public long switches() {
        return switches;
    }

    /** Packets left out with {@link #skip}. */
    public long skipped() {
        return skipped;
    }

    /** Packets refused because they came from before the current source's switch point. */
    public long dropped() {
        return dropped;
    }
}
