package io.cpaas.sfu.media;

import java.util.concurrent.atomic.LongAdder;

/** What the media path saw and did, summed over all peer connections; read by the metrics exporter. */
public final class MediaCounters {

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

    /** RTP packets of server-muted tracks, received and not forwarded. */
    public long serverMuted() {
        return serverMuted.sum();
    }

    public long testDrops() {
        return testDrops.sum();
    }

    /** Mean time to forward one received packet to all its subscribers, in nanoseconds. */
    public double meanForwardNanos() {
        long packets = forwardedPackets.sum();
        return packets == 0 ? 0 : (double) forwardNanos.sum() / packets;
    }
}
