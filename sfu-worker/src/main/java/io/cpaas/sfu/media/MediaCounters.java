package io.cpaas.sfu.media;

import java.util.concurrent.atomic.LongAdder;

/** What the media path saw and did, summed over all peer connections; read by the metrics exporter. */
public final class MediaCounters {

    private static final java.util.function.LongConsumer NO_TIMES = nanos -> { };

    final LongAdder rtpIn = new LongAdder();
    final LongAdder rtpInBytes = new LongAdder();
    final LongAdder rtpOut = new LongAdder();
    final LongAdder rtpOutBytes = new LongAdder();
    final LongAdder unforwardable = new LongAdder();
    final LongAdder nacksReceived = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder keyframeRequests = new LongAdder();
    final LongAdder rtcpIn = new LongAdder();
    final LongAdder forwardNanos = new LongAdder();
    final LongAdder forwardedPackets = new LongAdder();
    final LongAdder testDrops = new LongAdder();
    final LongAdder serverMuted = new LongAdder();
    final LongAdder silenceSkipped = new LongAdder();
    final LongAdder rtxRetransmissions = new LongAdder();
    final LongAdder senderReportsReceived = new LongAdder();
    final LongAdder senderReportsSent = new LongAdder();
    final LongAdder receiverReportsSent = new LongAdder();
    final LongAdder receiverReportBlocksSent = new LongAdder();
    final LongAdder transportCcFeedbackSent = new LongAdder();
    final LongAdder transportCcPacketsRecorded = new LongAdder();
    final LongAdder layerSwitches = new LongAdder();
    final LongAdder transportCcFeedbackReceived = new LongAdder();
    final LongAdder layersPaused = new LongAdder();
    final LongAdder layersResumed = new LongAdder();
    final LongAdder upstreamNacksSent = new LongAdder();
    final LongAdder upstreamPacketsNacked = new LongAdder();
    final LongAdder upstreamRepairsReceived = new LongAdder();
    final LongAdder upstreamRecovered = new LongAdder();
    final LongAdder upstreamGivenUp = new LongAdder();
    final LongAdder upstreamDuplicates = new LongAdder();

    public long rtpIn() {
        return rtpIn.sum();
    }

    public long rtpInBytes() {
        return rtpInBytes.sum();
    }

    public long rtpOut() {
        return rtpOut.sum();
    }

    public long rtpOutBytes() {
        return rtpOutBytes.sum();
    }

    public long unforwardable() {
        return unforwardable.sum();
    }

    public long nacksReceived() {
        return nacksReceived.sum();
    }

    public long retransmissions() {
        return retransmissions.sum();
    }

    public long keyframeRequests() {
        return keyframeRequests.sum();
    }

    public long rtcpIn() {
        return rtcpIn.sum();
    }

    /** Copies of silent microphone packets not sent to subscribers of large rooms (one per subscriber). */
    public long silenceSkipped() {
        return silenceSkipped.sum();
    }

    /** RTP packets of server-muted tracks, received and not forwarded. */
    public long serverMuted() {
        return serverMuted.sum();
    }

    public long testDrops() {
        return testDrops.sum();
    }

    /** Retransmissions sent as RTX (RFC 4588); the rest of {@link #retransmissions()} went as plain resends. */
    public long rtxRetransmissions() {
        return rtxRetransmissions.sum();
    }

    /** Sender reports received from publishers (their NTP/RTP mapping, LSR for our receiver reports). */
    public long senderReportsReceived() {
        return senderReportsReceived.sum();
    }

    /** Sender reports sent to subscribers, one per forwarded stream per report. */
    public long senderReportsSent() {
        return senderReportsSent.sum();
    }

    /** Receiver reports sent to publishers, one per publish connection per second while it sends. */
    public long receiverReportsSent() {
        return receiverReportsSent.sum();
    }

    /** Report blocks in those receiver reports: one per received stream per report. */
    public long receiverReportBlocksSent() {
        return receiverReportBlocksSent.sum();
    }

    /** Transport-cc feedback packets sent to publishers. */
    public long transportCcFeedbackSent() {
        return transportCcFeedbackSent.sum();
    }

    /** Publisher packets whose transport-wide sequence number was recorded for feedback. */
    public long transportCcPacketsRecorded() {
        return transportCcPacketsRecorded.sum();
    }

    /** Mean time to forward one received packet to all its subscribers, in nanoseconds. */
    /** Simulcast layer switches of subscribers (not counting the first layer). */
    public long layerSwitches() {
        return layerSwitches.sum();
    }

    /** Transport-cc feedback packets received from subscribers. */
    public long transportCcFeedbackReceived() {
        return transportCcFeedbackReceived.sum();
    }

    /** Dynacast: layers publishers were asked to pause, and to resume. */
    public long layersPaused() {
        return layersPaused.sum();
    }

    public long layersResumed() {
        return layersResumed.sum();
    }

    /** NACK packets sent to publishers for what their link to the worker lost. */
    public long upstreamNacksSent() {
        return upstreamNacksSent.sum();
    }

    /** Sequence numbers asked for in those NACKs, each request of each packet counted. */
    public long upstreamPacketsNacked() {
        return upstreamPacketsNacked.sum();
    }

    /** Repairs received from publishers (RTX packets carrying a resent packet). */
    public long upstreamRepairsReceived() {
        return upstreamRepairsReceived.sum();
    }

    /** Packets a publisher's link lost that arrived after the worker asked for them, and were forwarded. */
    public long upstreamRecovered() {
        return upstreamRecovered.sum();
    }

    /** Packets a publisher's link lost that the worker stopped asking for (too old, asked too often, a jump). */
    public long upstreamGivenUp() {
        return upstreamGivenUp.sum();
    }

    /** Publisher packets (originals or repairs) that had already arrived, dropped instead of forwarded twice. */
    public long upstreamDuplicates() {
        return upstreamDuplicates.sum();
    }

    /** Where each packet's forwarding time goes besides the mean (the metrics' timer); allocation-free. */
    private volatile java.util.function.LongConsumer forwardTimes = NO_TIMES;

    public void forwardTimesTo(java.util.function.LongConsumer sink) {
        forwardTimes = sink;
    }

    /** One received packet went to all its subscribers, {@code startedNanos} after it was read and decrypted. */
    void forwarded(long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        forwardNanos.add(nanos);
        forwardedPackets.increment();
        forwardTimes.accept(nanos);
    }

    public double meanForwardNanos() {
        long packets = forwardedPackets.sum();
        return packets == 0 ? 0 : (double) forwardNanos.sum() / packets;
    }
}
