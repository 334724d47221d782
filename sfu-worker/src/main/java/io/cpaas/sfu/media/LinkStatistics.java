package io.cpaas.sfu.media;

/**
 * What the RTCP receiver reports say of one participant's connection, smoothed: the loss and jitter
 * of what it sends, from the reports the worker sends it about its streams ({@link PublisherFeedback}),
 * and the loss, jitter and round-trip time of what it receives, from the reports it sends the worker
 * about the forwarded streams. Read by the room's quality task ({@link SpeakerAndQualityTask}).
 *
 * <p>Every report block moves the smoothed value a third of the way towards what it says, so one
 * bad second shows but does not decide. Written by the receive thread only (all RTCP arrives and is
 * sent there); the fields are volatile for the reader; nothing is allocated.
 */
public final class LinkStatistics {

    static final double WEIGHT = 1 / 3.0;

    private volatile double uplinkLoss;
    private volatile double uplinkJitterMillis;
    private volatile double downlinkLoss;
    private volatile double downlinkJitterMillis;
    /** Negative until a report carried a round trip. */
    private volatile double roundTripMillis = -1;

    /** A report block the worker sent about one of the participant's streams: fraction lost in 1/256, jitter in RTP units. */
    public void onSentReport(int fractionLost, int jitter, int clockRate) {
        uplinkLoss = smooth(uplinkLoss, fractionLost / 256.0);
        uplinkJitterMillis = smooth(uplinkJitterMillis, millis(jitter, clockRate));
    }

    /**
     * A report block the participant sent about a stream it receives from the publisher whose link
     * is {@code upstream}: the loss and jitter the publisher's own link caused are taken off.
     */
    public void onReceivedReport(int fractionLost, int jitter, int clockRate, LinkStatistics upstream) {
        downlinkLoss = smooth(downlinkLoss, Math.max(0, fractionLost / 256.0 - upstream.uplinkLoss));
        downlinkJitterMillis = smooth(downlinkJitterMillis, Math.max(0, millis(jitter, clockRate) - upstream.uplinkJitterMillis));
    }

    /** A round trip measured from a report block's LSR and DLSR. */
    public void onRoundTrip(double millis) {
        if (millis >= 0 && millis < 60_000) {
            roundTripMillis = roundTripMillis < 0 ? millis : smooth(roundTripMillis, millis);
        }
    }

    /** The worse direction's loss, 0 to 1. */
    public double loss() {
        return Math.max(uplinkLoss, downlinkLoss);
    }

    public double jitterMillis() {
        return Math.max(uplinkJitterMillis, downlinkJitterMillis);
    }

    /** Negative when not known. */
    public double roundTripMillis() {
        return roundTripMillis;
    }

    public double uplinkLoss() {
        return uplinkLoss;
    }

    public double downlinkLoss() {
        return downlinkLoss;
    }

    private static double smooth(double previous, double sample) {
        return previous + (sample - previous) * WEIGHT;
    }

    private static double millis(int jitter, int clockRate) {
        return clockRate <= 0 ? 0 : Math.max(0, jitter) * 1000.0 / clockRate;
    }
}
