import io.cpaas.sfu.rtp.RtpPacket;
import io.cpaas.sfu.srtp.SrtpSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A receive thread: one selector over many peers' sockets. Each datagram is classified (RFC 7983),
 * SRTP is decrypted in place with the peer's session, and the packet is counted against its stream;
 * nothing is allocated per packet. Publishers' RTCP is read for keyframe requests (PLI, FIR).
 * Subscribers with {@link SubscriberFeedback} send their feedback and reports from this thread too.
 */
final class ReceiveLoop implements Runnable {

    private final Selector selector;
    private final Queue<SimulatedPeer> joining = new ConcurrentLinkedQueue<>();
    private final ByteBuffer in = ByteBuffer.allocate(SimulatedPeer.MAX_PACKET + 64);
    private final RtpPacket rtp = new RtpPacket();
    private final Thread thread;
    private final List<SimulatedPeer> withFeedback = new ArrayList<>();
    private long nextFeedbackCheck;
    final LatencyHistogram audioLatency = new LatencyHistogram();
    final LatencyHistogram videoLatency = new LatencyHistogram();
    volatile long packets;
    volatile long srtpFailures;
    volatile long unknownSsrc;
    volatile long keyframeRequests;
    private volatile boolean running = true;
    /** Latency is recorded only while measuring: the join phase's stalls are not the steady state's. */
    volatile boolean measuring;

    ReceiveLoop(int index) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, "bench-receive-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands a connected peer to this loop. */
    void add(SimulatedPeer peer) {
        joining.add(peer);
        selector.wakeup();
    }

    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(2000);
    }

    /** Latency histograms are written by this thread only: read them after {@link #stop}, or accept a torn snapshot. */
    @Override
    public void run() {
        byte[] buf = in.array();
        while (running) {
            try {
                selector.select(withFeedback.isEmpty() ? 100 : 10);
                SimulatedPeer added;
                while ((added = joining.poll()) != null) {
                    added.channel.register(selector, SelectionKey.OP_READ, added);
                    if (added.feedback != null) {
                        withFeedback.add(added);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    SimulatedPeer peer = (SimulatedPeer) key.attachment();
                    for (int i = 0; i < 64; i++) { // bounded, so that one busy socket cannot starve the others
                        in.clear();
                        int n;
                        try {
                            n = peer.channel.read(in);
                        } catch (IOException e) {
                            break; // ICMP port unreachable and the like: the next read goes on
                        }
                        if (n <= 0) {
                            break;
                        }
                        datagram(peer, buf, n);
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (!withFeedback.isEmpty() && now - nextFeedbackCheck >= 0) {
                    nextFeedbackCheck = now + 10_000_000L;
                    for (SimulatedPeer peer : withFeedback) {
                        peer.feedback.sendDue(peer, now);
                    }
                }
            } catch (IOException e) {
                if (running) {
                    System.err.println("receive loop: " + e);
                }
            }
        }
    }

    private void datagram(SimulatedPeer peer, byte[] buf, int n) {
        int first = buf[0] & 0xFF;
        if (first <= 3) {
            peer.handleStun(buf, n);
            return;
        }
        if (first < 128 || first > 191 || n < 12) {
            return; // DTLS after the handshake, or noise
        }
        SrtpSession session = peer.inbound();
        int second = buf[1] & 0xFF;
        if (second >= 192 && second <= 223) {
            if (peer.publishes) { // look for PLI and FIR
                int plain = session.unprotectRtcp(buf, 0, n);
                if (plain > 0 && asksForKeyframe(buf, plain)) {
                    peer.keyframeRequested = true;
                    keyframeRequests++;
                }
            }
            return;
        }
        int plain = session.unprotectRtp(buf, 0, n);
        if (plain < 0) {
            srtpFailures++;
            return;
        }
        long now = System.nanoTime();
        rtp.wrap(buf, 0, plain);
        ReceivedStream stream = peer.streams.find(rtp.ssrc());
        if (stream == null || !rtp.isValid()) {
            unknownSsrc++;
            return;
        }
        int end = rtp.payloadOffset() + rtp.payloadLength();
        if (rtp.payloadLength() < 8) {
            unknownSsrc++;
            return;
        }
        long sent = 0;
        for (int i = end - 8; i < end; i++) {
            sent = (sent << 8) | (buf[i] & 0xFF);
        }
        packets++;
        SubscriberFeedback feedback = peer.feedback;
        if (feedback != null) {
            feedback.onRtp(rtp, now);
        }
        stream.onPacket(rtp.sequenceNumber(), rtp.timestamp(), plain, sent, now, !measuring ? null : stream.video ? videoLatency : audioLatency);
    }

    /** Any PLI (206/1) or FIR (206/4) in a compound RTCP packet. */
    private static boolean asksForKeyframe(byte[] buf, int len) {
        int at = 0;
        while (at + 4 <= len) {
            int fmt = buf[at] & 0x1F;
            int pt = buf[at + 1] & 0xFF;
            if (pt == 206 && (fmt == 1 || fmt == 4)) {
                return true;
            }
            int words = ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
            at += (words + 1) * 4;
        }
        return false;
    }
}
