package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.ReceptionStatistics;
import io.cpaas.sfu.rtp.MissingPacketTracker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One RTP stream of a published track: a simulcast layer (by its rid, SSRC learned from the first
 * packet that names it) or the only stream of a track without simulcast. It keeps what the receive
 * thread learns about the stream: reception statistics for receiver reports, the publisher's last
 * sender report (each layer has its own timestamp base), its bitrate and when it last sent, which
 * the subscribers' layer choice reads, and whether the worker asked the publisher to pause it. When
 * the publisher takes NACKs for it, the packets it is missing ({@link UpstreamLossRepair}), and the
 * SSRC of the RTX stream that repairs it once known.
 */
final class UpLayer {

    /** A layer that sent nothing for this long is taken as stopped (paused by the publisher, or starved). */
    static final long SILENT_AFTER_NANOS = 600_000_000L;
    private static final long BITRATE_WINDOW_NANOS = 500_000_000L;
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;
    /**
     * A publisher ignores a keyframe request that comes less than 300 ms after its last keyframe (libwebrtc's
     * minimum interval), and that keyframe left some time after our request: a deferred request waits this much
     * longer than our own interval.
     */
    private static final long DEFERRED_REQUEST_MARGIN_NANOS = 100_000_000L;

    private final int index;
    private final String rid;
    private final byte[] ridBytes;
    private volatile int ssrc;
    private volatile boolean ssrcKnown;
    private final ReceptionStatistics reception;
    /** Null when the publisher did not negotiate NACK for the codec (audio, as Chromium offers it). */
    private volatile MissingPacketTracker missing;
    private volatile int rtxSsrc;
    private volatile boolean rtxSsrcKnown;
    private final AtomicLong lastKeyframeRequest = new AtomicLong(System.nanoTime() - KEYFRAME_REQUEST_INTERVAL_NANOS);
    /** Set while a keyframe request that came too soon after the last waits for its turn. */
    private final AtomicBoolean keyframeRequestDeferred = new AtomicBoolean();

    // Receive thread writes; others read the volatile results.
    private long windowStartNanos;
    private long windowBytes;
    private volatile long bitrate;
    /** The last bitrate measured while the layer was sending: what resuming it would cost. */
    private volatile long lastActiveBitrate;
    private volatile long lastPacketNanos;
    private volatile boolean everReceived;

    private boolean hasSenderReport;
    private long senderReportNtp;
    private int senderReportRtpTimestamp;

    /** When {@link UpstreamLossRepair} last looked for NACKs due on this layer (receive thread only). */
    long lastNackCheckMillis = Long.MIN_VALUE / 2;

    /** Dynacast state: what the worker last told the publisher (media timer only). */
    boolean pausedAtPublisher;
    long unneededSinceNanos = Long.MIN_VALUE;

    /**
     * @param rid  the layer's rid, null for a track without simulcast
     * @param ssrc the SSRC when the SDP announced it, 0 to learn it from the rid extension
     */
    UpLayer(int index, String rid, int ssrc, int clockRate) {
        this.index = index;
        this.rid = rid;
        this.ridBytes = rid == null ? new byte[0] : rid.getBytes(StandardCharsets.US_ASCII);
        this.ssrc = ssrc;
        this.ssrcKnown = rid == null;
        this.reception = new ReceptionStatistics(clockRate);
    }

    int index() {
        return index;
    }

    /** The rid, or null without simulcast. */
    String rid() {
        return rid;
    }

    byte[] ridBytes() {
        return ridBytes;
    }

    int ssrc() {
        return ssrc;
    }

    boolean ssrcKnown() {
        return ssrcKnown;
    }

    /** The first packet naming this layer's rid arrived on {@code value}. */
    void learnSsrc(int value) {
        ssrc = value;
        ssrcKnown = true;
    }

    /** What is missing from this layer, null when losses are not repaired; receive thread only. */
    MissingPacketTracker missing() {
        return missing;
    }

    /** From now on losses of this layer are NACKed; before its first packet. */
    void repairLosses() {
        missing = UpstreamLossRepair.newTracker();
    }

    int rtxSsrc() {
        return rtxSsrc;
    }

    boolean rtxSsrcKnown() {
        return rtxSsrcKnown;
    }

    /** The RTX stream repairing this layer is on {@code value} (an FID group, or its repaired-rid). */
    void learnRtxSsrc(int value) {
        rtxSsrc = value;
        rtxSsrcKnown = true;
    }

    ReceptionStatistics reception() {
        return reception;
    }

    /** One packet of this layer arrived; receive thread only. */
    void onPacket(int length, long nowNanos) {
        if (!everReceived || nowNanos - lastPacketNanos > SILENT_AFTER_NANOS) {
            windowStartNanos = nowNanos;
            windowBytes = 0;
        }
        everReceived = true;
        lastPacketNanos = nowNanos;
        windowBytes += length;
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= BITRATE_WINDOW_NANOS) {
            long measured = windowBytes * 8L * 1_000_000_000L / elapsed;
            bitrate = measured;
            lastActiveBitrate = measured;
            windowStartNanos = nowNanos;
            windowBytes = 0;
        }
    }

    /** Whether the layer is sending now: a packet within the last {@link #SILENT_AFTER_NANOS}. */
    boolean receiving(long nowNanos) {
        return everReceived && nowNanos - lastPacketNanos < SILENT_AFTER_NANOS;
    }

    /** Bits per second over the last half second while sending; 0 before the first measurement. */
    long bitrate() {
        return bitrate;
    }

    /** The last bitrate measured while sending (kept while paused); 0 if it never sent long enough. */
    long lastActiveBitrate() {
        return lastActiveBitrate;
    }

    void onSenderReport(long ntp, int rtpTimestamp, long arrivalNanos) {
        hasSenderReport = true;
        senderReportNtp = ntp;
        senderReportRtpTimestamp = rtpTimestamp;
        reception.onSenderReport(ntp, arrivalNanos);
    }

    boolean hasSenderReport() {
        return hasSenderReport;
    }

    long senderReportNtp() {
        return senderReportNtp;
    }

    int senderReportRtpTimestamp() {
        return senderReportRtpTimestamp;
    }

    /** True when a keyframe request for this layer may go to the publisher now (at most one per 300 ms). */
    boolean mayRequestKeyframe() {
        long now = System.nanoTime();
        long last = lastKeyframeRequest.get();
        return now - last >= KEYFRAME_REQUEST_INTERVAL_NANOS && lastKeyframeRequest.compareAndSet(last, now);
    }

    /**
     * For a request {@link #mayRequestKeyframe} refused: in how many nanoseconds to make it again, or -1 when one
     * is waiting already. The keyframe asked for last may reach no one new (a subscriber whose connection came up
     * after it went by), so a request that comes too soon is deferred, not dropped.
     */
    long deferKeyframeRequest() {
        if (!keyframeRequestDeferred.compareAndSet(false, true)) {
            return -1;
        }
        long due = lastKeyframeRequest.get() + KEYFRAME_REQUEST_INTERVAL_NANOS + DEFERRED_REQUEST_MARGIN_NANOS;
        return Math.max(0, due - System.nanoTime());
    }

    /** The deferred request is being made: a later refusal defers again. */
    void deferredKeyframeRequestDue() {
        keyframeRequestDeferred.set(false);
    }
}
