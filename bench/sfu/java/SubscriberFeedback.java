import io.cpaas.sfu.rtcp.ReceiverReport;
import io.cpaas.sfu.rtcp.TransportCcFeedbackBuilder;
import io.cpaas.sfu.rtp.RtpPacket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a subscribing browser sends back (--feedback): transport-wide congestion control feedback every
 * 100 ms (libwebrtc's interval at these rates) for the packets the server stamped, and a receiver report
 * every second with a block per stream (fraction and cumulative lost, highest sequence number, jitter;
 * no LSR/DLSR, the tool keeps no sender reports). The server's side of both (decrypting, parsing, its
 * downlink estimate) is then part of what a run measures. Receive thread only.
 */
final class SubscriberFeedback {

    private static final long FEEDBACK_INTERVAL = 100_000_000L;
    private static final long REPORT_INTERVAL = 1_000_000_000L;
    private static final int MAX_FEEDBACK_LENGTH = 1200;

    private final TransportCcFeedbackBuilder transportCc = new TransportCcFeedbackBuilder();
    private final int ssrc = ThreadLocalRandom.current().nextInt() | 1;
    private final byte[] out = new byte[SimulatedPeer.MAX_PACKET + 64];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    /** The transport-wide sequence number's id in the server's offer; 0 until an answer took it. */
    volatile int transportCcId;
    private long nextFeedback;
    private long nextReport;
    volatile long feedbackSent;
    volatile long reportsSent;
    volatile long sendErrors;

    void onRtp(RtpPacket rtp, long nowNanos) {
        int id = transportCcId;
        if (id > 0) {
            int sequence = rtp.transportSequenceNumber(id);
            if (sequence >= 0) {
                transportCc.onPacketReceived(sequence, nowNanos / 1000);
            }
        }
    }

    /** Sends the feedback and the report that are due. */
    void sendDue(SimulatedPeer peer, long now) {
        if (now - nextFeedback >= 0) {
            nextFeedback = now + FEEDBACK_INTERVAL;
            ReceivedStream[] streams = peer.streams.streams;
            if (transportCc.hasPending() && streams.length > 0) {
                int length = transportCc.build(out, 0, MAX_FEEDBACK_LENGTH, ssrc, streams[0].ssrc);
                if (send(peer, length)) {
                    feedbackSent++;
                }
            }
        }
        if (now - nextReport >= 0) {
            nextReport = now + REPORT_INTERVAL;
            ReceivedStream[] streams = peer.streams.streams;
            int count = 0;
            for (ReceivedStream stream : streams) {
                if (count < 31 && stream.packets > 0) {
                    stream.writeReportBlock(out, ReceiverReport.reportBlockOffset(0, count++));
                }
            }
            if (count > 0 && send(peer, ReceiverReport.write(out, 0, ssrc, count))) {
                reportsSent++;
            }
        }
    }

    private boolean send(SimulatedPeer peer, int length) {
        int protectedLength = peer.outbound().protectRtcp(out, 0, length);
        if (protectedLength < 0) {
            sendErrors++;
            return false;
        }
        outBuffer.clear().limit(protectedLength);
        try {
            return peer.channel.write(outBuffer) == protectedLength;
        } catch (IOException e) {
            sendErrors++;
            return false;
        }
    }
}
