package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.TransportCcFeedback;

/**
 * Estimates how many bits per second one subscriber's downlink carries, from the transport-wide
 * congestion control feedback its browser sends about what the worker forwarded to it. Every
 * forwarded packet gets a transport-wide sequence number of this connection
 * ({@link #onPacketSent}); the feedback says which arrived and when ({@link #onFeedback}).
 *
 * <p>A simplified GCC (draft-ietf-rmcat-gcc-02), three signals, one decision per feedback:
 * <ul>
 *   <li><b>Delay.</b> One-way delay of each packet (arrival on the browser's clock minus send time on
 *       ours; the clock offset cancels out) above the smallest delay seen in the last 10 s is the
 *       queue the link holds. Its smoothed value above {@link #OVERUSE_QUEUE_MICROS} is overuse: the
 *       estimate drops to 85 % of what was delivered (the acknowledged bitrate).</li>
 *   <li><b>Loss.</b> Over windows of at least 300 ms: above 10 % the estimate is multiplied by
 *       {@code 1 - loss/2}; between 2 % and 10 % it holds.</li>
 *   <li><b>Increase.</b> Otherwise (loss under 2 %, queue under {@link #STABLE_QUEUE_MICROS}) the
 *       estimate grows by e^(0.7·t), about doubling a second, never above twice the delivered
 *       bitrate plus 2 Mb/s. The worker does not probe with padding: a higher layer is tried once
 *       the estimate allows it, and the link's answer (delay, loss) takes it back. After each
 *       decrease, increases wait a hold time that doubles with back-to-back decreases (0.5 s up to
 *       2 s) and resets after 10 s without one, so a link that cannot carry the next layer is not
 *       retried every second, while a link that got better is back within a few seconds.</li>
 * </ul>
 *
 * <p>Receive thread only (it forwards, reads RTCP and owns this), except {@link #estimate()} and
 * {@link #deliveredBitrate()}, which any thread may read. Allocates nothing after construction.
 */
final class DownlinkEstimator {

    static final long INITIAL_BITRATE = 1_000_000;
    static final long MIN_BITRATE = 100_000;
    static final long MAX_BITRATE = 20_000_000;
    static final long OVERUSE_QUEUE_MICROS = 60_000;
    static final long STABLE_QUEUE_MICROS = 25_000;
    private static final double INCREASE_RATE_PER_SECOND = 0.7;
    private static final long LOSS_WINDOW_NANOS = 300_000_000L;
    private static final long DELIVERED_WINDOW_NANOS = 500_000_000L;
    private static final long MIN_DECREASE_INTERVAL_NANOS = 300_000_000L;
    private static final long BASE_DELAY_WINDOW_NANOS = 5_000_000_000L;
    private static final long MIN_HOLD_NANOS = 500_000_000L;
    private static final long MAX_HOLD_NANOS = 2_000_000_000L;
    private static final long HOLD_RESET_NANOS = 10_000_000_000L;
    private static final int HISTORY = 8192;
    private static final int MASK = HISTORY - 1;

    private final long[] sentMicros = new long[HISTORY];
    private final int[] sentBytes = new int[HISTORY];
    /** The sequence number each slot holds, -1 when empty or already acknowledged. */
    private final int[] sentSequence = new int[HISTORY];
    private int nextSequence;

    private volatile long estimate;
    private volatile long delivered;
    private long deliveredBytes;
    private long deliveredWindowStart;

    private int windowReceived;
    private int windowLost;
    private long lossWindowStart;
    private double lastLoss;
    /** Whether {@link #lastLoss} is of a window no decision used yet: one decrease per loss window. */
    private boolean lossFresh;

    private long baseDelayCurrent = Long.MAX_VALUE;
    private long baseDelayPrevious = Long.MAX_VALUE;
    private long baseDelayWindowStart;
    private double queueMicros;

    private long lastUpdateNanos;
    private long lastDecreaseNanos;
    private long holdUntilNanos;
    private long holdNanos = MIN_HOLD_NANOS;
    private boolean started;

    private long decreases;

    DownlinkEstimator() {
        this(INITIAL_BITRATE);
    }

    DownlinkEstimator(long initialBitrate) {
        java.util.Arrays.fill(sentSequence, -1);
        estimate = initialBitrate;
    }

    /** The transport-wide sequence number for the next packet sent on this connection. */
    int nextSequenceNumber() {
        int sequence = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        return sequence;
    }

    /** A packet carrying transport-wide sequence number {@code sequence} left now. */
    void onPacketSent(int sequence, int bytes, long nowNanos) {
        int slot = sequence & MASK;
        sentSequence[slot] = sequence;
        sentMicros[slot] = nowNanos / 1_000;
        sentBytes[slot] = bytes;
        if (!started) {
            started = true;
            lastUpdateNanos = nowNanos;
            lossWindowStart = nowNanos;
            deliveredWindowStart = nowNanos;
            baseDelayWindowStart = nowNanos;
            lastDecreaseNanos = nowNanos - HOLD_RESET_NANOS - 1;
            holdUntilNanos = nowNanos;
        }
    }

    /** The browser's transport-cc feedback about packets of this connection, decoded; updates the estimate. */
    void onFeedback(TransportCcFeedback feedback, long nowNanos) {
        if (!started) {
            return;
        }
        long delaySum = 0;
        int delayCount = 0;
        for (int i = 0; i < feedback.statusCount(); i++) {
            int sequence = feedback.sequenceNumber(i);
            int slot = sequence & MASK;
            if (sentSequence[slot] != sequence) {
                continue; // not ours, too old, or reported already
            }
            sentSequence[slot] = -1;
            if (!feedback.received(i)) {
                windowLost++;
                continue;
            }
            windowReceived++;
            deliveredBytes += sentBytes[slot];
            long arrival = feedback.arrivalMicros(i);
            if (arrival != Long.MIN_VALUE) {
                long oneWay = arrival - sentMicros[slot];
                if (oneWay < baseDelayCurrent) {
                    baseDelayCurrent = oneWay;
                }
                delaySum += oneWay;
                delayCount++;
            }
        }
        if (nowNanos - baseDelayWindowStart >= BASE_DELAY_WINDOW_NANOS) {
            baseDelayPrevious = baseDelayCurrent;
            baseDelayCurrent = Long.MAX_VALUE;
            baseDelayWindowStart = nowNanos;
        }
        if (delayCount > 0) {
            long base = Math.min(baseDelayCurrent, baseDelayPrevious);
            long sample = Math.max(0, delaySum / delayCount - base);
            queueMicros = queueMicros * 0.6 + sample * 0.4;
        }
        long deliveredElapsed = nowNanos - deliveredWindowStart;
        if (deliveredElapsed >= DELIVERED_WINDOW_NANOS) {
            delivered = deliveredBytes * 8L * 1_000_000_000L / deliveredElapsed;
            deliveredBytes = 0;
            deliveredWindowStart = nowNanos;
        }
        update(nowNanos);
    }

    private void update(long nowNanos) {
        double seconds = Math.min(0.5, (nowNanos - lastUpdateNanos) / 1e9);
        lastUpdateNanos = nowNanos;
        int total = windowReceived + windowLost;
        if (nowNanos - lossWindowStart >= LOSS_WINDOW_NANOS && total > 0) {
            lastLoss = (double) windowLost / total;
            lossFresh = true;
            windowReceived = 0;
            windowLost = 0;
            lossWindowStart = nowNanos;
        }
        if (nowNanos - lastDecreaseNanos > HOLD_RESET_NANOS) {
            holdNanos = MIN_HOLD_NANOS;
        }
        boolean mayDecrease = nowNanos - lastDecreaseNanos >= MIN_DECREASE_INTERVAL_NANOS;
        long current = estimate;
        if (queueMicros > OVERUSE_QUEUE_MICROS) {
            if (mayDecrease) {
                long basis = delivered > 0 ? Math.min(delivered, current) : current;
                decrease(nowNanos, (long) (basis * 0.85));
            }
        } else if (lastLoss > 0.10) {
            if (mayDecrease && lossFresh) {
                decrease(nowNanos, (long) (current * (1 - lastLoss / 2)));
                lossFresh = false;
            }
        } else if (lastLoss < 0.02 && queueMicros < STABLE_QUEUE_MICROS && nowNanos >= holdUntilNanos) {
            long grown = (long) (current * Math.exp(INCREASE_RATE_PER_SECOND * seconds));
            long cap = Math.max(current, 2 * delivered + 2_000_000);
            estimate = Math.min(MAX_BITRATE, Math.min(grown, cap));
        }
    }

    private void decrease(long nowNanos, long value) {
        estimate = Math.max(MIN_BITRATE, value);
        decreases++;
        holdUntilNanos = nowNanos + holdNanos;
        holdNanos = nowNanos - lastDecreaseNanos < HOLD_RESET_NANOS ? Math.min(MAX_HOLD_NANOS, holdNanos * 2) : MIN_HOLD_NANOS;
        lastDecreaseNanos = nowNanos;
    }

    /** The estimate in bits per second. */
    long estimate() {
        return estimate;
    }

    /** What the browser acknowledged receiving over the last half second, bits per second. */
    long deliveredBitrate() {
        return delivered;
    }

    /** The smoothed queuing delay, microseconds. */
    long queueDelayMicros() {
        return (long) queueMicros;
    }

    /** Loss over the last complete window, 0..1. */
    double loss() {
        return lastLoss;
    }

    long decreases() {
        return decreases;
    }
}
