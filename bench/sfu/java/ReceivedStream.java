/**
 * What one subscriber received of one forwarded stream (one SSRC): packets, bytes, loss from the
 * sequence numbers (the server keeps them continuous), interarrival jitter (RFC 3550 §6.4.1), and
 * end-to-end latency from the send time the publisher put in the last 8 bytes of each payload.
 * Written by one receive thread; the counters are read by the progress display without locking.
 */
final class ReceivedStream {

    final int ssrc;
    final boolean video;
    private final double ticksPerNano;
    volatile long packets;
    volatile long bytes;
    private int baseSequence = -1;
    private long highest;            // extended highest sequence number
    private long lastTransit;
    private boolean haveTransit;
    private double jitterTicks;
    long firstPacketNanos;
    // What the last receiver report said (receive thread only), for the next one's fraction lost.
    private long reportedExpected;
    private long reportedPackets;

    ReceivedStream(int ssrc, boolean video) {
        this.ssrc = ssrc;
        this.video = video;
        this.ticksPerNano = (video ? 90_000 : 48_000) / 1e9;
    }

    void onPacket(int sequence, int rtpTimestamp, int length, long sentNanos, long nowNanos, LatencyHistogram latency) {
        if (baseSequence < 0) {
            baseSequence = sequence;
            highest = sequence;
            firstPacketNanos = nowNanos;
        } else {
            int delta = (sequence - (int) (highest & 0xFFFF)) & 0xFFFF;
            if (delta != 0 && delta < 0x8000) {
                highest += delta;
            }
        }
        packets++;
        bytes += length;
        long transit = (long) (nowNanos * ticksPerNano) - (rtpTimestamp & 0xFFFFFFFFL);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitterTicks += (d - jitterTicks) / 16;
        }
        lastTransit = transit;
        haveTransit = true;
        if (latency != null) {
            latency.record(nowNanos - sentNanos);
        }
    }

    /** Packets the sequence numbers say were sent since the first one received. */
    long expected() {
        return baseSequence < 0 ? 0 : highest - baseSequence + 1;
    }

    long lost() {
        return Math.max(0, expected() - packets);
    }

    /** An RFC 3550 report block for this stream as of now, at {@code block} of {@code buf}. */
    void writeReportBlock(byte[] buf, int block) {
        long expected = expected();
        long interval = expected - reportedExpected;
        long lostInInterval = interval - (packets - reportedPackets);
        int fraction = interval <= 0 || lostInInterval <= 0 ? 0 : (int) Math.min(255, (lostInInterval << 8) / interval);
        reportedExpected = expected;
        reportedPackets = packets;
        io.cpaas.sfu.rtcp.ReportBlock.write(buf, block, ssrc, fraction, (int) Math.min(Integer.MAX_VALUE, lost()), (int) highest,
                (int) jitterTicks, 0, 0);
    }

    double jitterMillis() {
        return jitterTicks / ticksPerNano / 1e6;
    }
}
