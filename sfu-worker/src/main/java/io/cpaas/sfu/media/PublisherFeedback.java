package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.ReceiverReport;
import io.cpaas.sfu.rtcp.ReportBlock;
import io.cpaas.sfu.rtcp.TransportCcFeedbackBuilder;
import io.cpaas.sfu.rtp.RtpPacket;

/**
 * What the worker tells one publisher about the packets it receives from it: transport-cc feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01) every 50 ms, which Chromium's send-side
 * bandwidth estimator needs to ramp its bitrate up, and a receiver report (RFC 3550 §6.4.2) about
 * each of its streams every second, which gives it loss, jitter and round-trip time.
 *
 * <p>Both are driven by packet arrival on the receive thread, which owns the statistics they are
 * made of: no lock, no timer, and nothing to report when nothing arrives. The buffer they are
 * written into is allocated once.
 *
 * <p>REMB (the media timer's) stays alongside: with transport-cc negotiated Chromium estimates on
 * its side and takes REMB only as an upper bound, which is what the worker's fixed REMB is, a cap on
 * what one publisher may send; a client that does not negotiate transport-cc has only REMB.
 */
final class PublisherFeedback {

    /** libwebrtc's receivers send transport-cc feedback every 50–100 ms (250 packets at most). */
    static final long FEEDBACK_INTERVAL_NANOS = 50_000_000L;
    static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
    /** Under the MTU with the SRTCP trailer and the IP/UDP headers. */
    private static final int MAX_FEEDBACK_LENGTH = 1200;
    /** At most this many feedback packets at once, should many packets be pending (long gaps). */
    private static final int MAX_FEEDBACK_PACKETS = 8;

    private final TransportCcFeedbackBuilder transportCc = new TransportCcFeedbackBuilder();
    private final byte[] out = new byte[MAX_FEEDBACK_LENGTH];
    private final MediaCounters counters;
    private long lastFeedbackNanos;
    private long nextReportNanos;

    PublisherFeedback(MediaCounters counters) {
        this.counters = counters;
        long now = System.nanoTime();
        this.lastFeedbackNanos = now;
        this.nextReportNanos = now + REPORT_INTERVAL_NANOS;
    }

    /**
     * One RTP packet arrived from {@code publisher} (already counted in its track's reception
     * statistics); records it for transport-cc and sends whatever feedback is due.
     *
     * @param transportCcId the transport-wide sequence number's extension id, 0 when not negotiated
     */
    void onRtp(ParticipantMedia publisher, PeerConnection connection, RtpPacket rtp, int transportCcId, long nowNanos) {
        if (transportCcId > 0) {
            int sequenceNumber = rtp.transportSequenceNumber(transportCcId);
            if (sequenceNumber >= 0) {
                transportCc.onPacketReceived(sequenceNumber, nowNanos / 1_000);
                counters.transportCcPacketsRecorded.increment();
            }
            if (nowNanos - lastFeedbackNanos >= FEEDBACK_INTERVAL_NANOS && transportCc.hasPending()) {
                lastFeedbackNanos = nowNanos;
                int length;
                for (int i = 0; i < MAX_FEEDBACK_PACKETS
                        && (length = transportCc.build(out, 0, out.length, MediaRouter.WORKER_SSRC, rtp.ssrc())) > 0; i++) {
                    connection.sendRtcp(out, 0, length);
                    counters.transportCcFeedbackSent.increment();
                }
            }
        }
        if (nowNanos - nextReportNanos >= 0) {
            nextReportNanos = nowNanos + REPORT_INTERVAL_NANOS;
            sendReceiverReport(publisher, connection, nowNanos);
        }
    }

    private void sendReceiverReport(ParticipantMedia publisher, PeerConnection connection, long nowNanos) {
        int count = 0;
        for (UpTrack up : publisher.upTracks()) {
            for (UpLayer layer : up.layers()) {
                if (count == 31 || ReceiverReport.length(count + 1) > out.length) {
                    break;
                }
                if (layer.ssrcKnown() && layer.reception().started()) {
                    int block = ReceiverReport.reportBlockOffset(0, count);
                    layer.reception().writeReportBlock(out, block, layer.ssrc(), nowNanos);
                    publisher.linkStatistics().onSentReport(ReportBlock.fractionLost(out, block), ReportBlock.jitter(out, block), up.clockRate());
                    count++;
                }
            }
        }
        if (count > 0) {
            int length = ReceiverReport.write(out, 0, MediaRouter.WORKER_SSRC, count);
            connection.sendRtcp(out, 0, length);
            counters.receiverReportsSent.increment();
            counters.receiverReportBlocksSent.add(count);
        }
    }
}
