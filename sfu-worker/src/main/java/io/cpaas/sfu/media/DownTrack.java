package io.cpaas.sfu.media;

import io.cpaas.sfu.rtp.RetransmissionBuffer;
import io.cpaas.sfu.rtp.RtpPacket;
import io.cpaas.sfu.rtp.RtpRewriter;
import io.cpaas.sfu.transport.UdpTransport;
import java.util.concurrent.atomic.LongAdder;

/**
 * One published track as one subscriber receives it: its own SSRC, continuous sequence numbers and
 * timestamps, the subscriber's payload type and extension ids, and a buffer of what was sent so
 * that NACKs can be answered. Used by the receive thread only, except for counters.
 */
final class DownTrack {

    private final UpTrack source;
    private final ParticipantMedia subscriber;
    private final int outgoingSsrc;
    private final int outgoingPayloadType;
    private volatile byte[] extensionIdMap;
    private final RtpRewriter rewriter;
    private final RetransmissionBuffer sent = new RetransmissionBuffer(512, UdpTransport.MAX_DATAGRAM + 64);
    private final RtpPacket packet = new RtpPacket();
    private final byte[] scratch = new byte[UdpTransport.MAX_DATAGRAM + 64];
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private volatile boolean paused;

    private volatile String mid;
    /** Resends per subscriber track and second: NACKs cannot make the worker send more than this. */
    private static final int MAX_RESENDS_PER_SECOND = 200;
    private long resendWindowStart;
    private int resendsInWindow;

    private final int lossPercent;
    private final MediaCounters counters;
    private int lossCounter;

    DownTrack(UpTrack source, ParticipantMedia subscriber, int outgoingSsrc, int outgoingPayloadType, int lossPercent,
              MediaCounters counters) {
        this.lossPercent = lossPercent;
        this.counters = counters;
        this.source = source;
        this.subscriber = subscriber;
        this.outgoingSsrc = outgoingSsrc;
        this.outgoingPayloadType = outgoingPayloadType;
        this.extensionIdMap = new byte[0]; // strip every extension until the subscriber's answer says which it takes
        this.rewriter = source.isVideo() ? RtpRewriter.forVideo(outgoingSsrc) : RtpRewriter.forAudio(outgoingSsrc);
    }

    UpTrack source() {
        return source;
    }

    ParticipantMedia subscriber() {
        return subscriber;
    }

    String mid() {
        return mid;
    }

    void mid(String value) {
        mid = value;
    }

    /** Publisher extension id → subscriber extension id; 0 strips the element. */
    void extensionIdMap(byte[] map) {
        extensionIdMap = map;
    }

    int outgoingSsrc() {
        return outgoingSsrc;
    }

    void paused(boolean value) {
        paused = value;
    }

    boolean paused() {
        return paused;
    }

    long packets() {
        return packets.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    /** Forwards one plain RTP packet of the source track to this subscriber; true when it was sent. */
    boolean forward(byte[] buf, int off, int len, long nowMillis) {
        PeerConnection connection = subscriber.subscribeConnection();
        if (paused || connection == null || !connection.isConnected() || len > UdpTransport.MAX_DATAGRAM) {
            return false;
        }
        System.arraycopy(buf, off, scratch, 0, len);
        packet.wrap(scratch, 0, len);
        if (!packet.isValid() || !rewriter.rewrite(packet, nowMillis)) {
            return false;
        }
        packet.setPayloadType(outgoingPayloadType);
        if (packet.hasExtension()) {
            packet.rewriteExtensionIds(extensionIdMap);
        }
        // Spread evenly and never the first packets: a receiver only notices holes after data it has seen.
        boolean drop = lossPercent > 0 && ++lossCounter > 10 && (lossCounter * lossPercent) % 100 < lossPercent;
        if (drop) {
            counters.testDrops.increment(); // test hook: encrypted and kept for NACKs, but not sent
        }
        connection.sendRtp(scratch, 0, len, sent, drop);
        packets.increment();
        bytes.add(len);
        subscriber.participant().traffic().sent(len);
        return true;
    }

    /** Sends again what the subscriber says it lost, when still buffered (as encrypted before); answers how many. */
    int retransmit(int[] sequenceNumbers, int count) {
        PeerConnection connection = subscriber.subscribeConnection();
        if (connection == null) {
            return 0;
        }
        int resent = 0;
        long now = System.nanoTime();
        if (now - resendWindowStart > 1_000_000_000L) {
            resendWindowStart = now;
            resendsInWindow = 0;
        }
        for (int i = 0; i < count && resendsInWindow < MAX_RESENDS_PER_SECOND; i++, resendsInWindow++) {
            int length = sent.copyOut(sequenceNumbers[i], scratch, 0);
            if (length > 0) {
                connection.resend(scratch, 0, length);
                subscriber.participant().traffic().sent(length);
                resent++;
            }
        }
        return resent;
    }
}
