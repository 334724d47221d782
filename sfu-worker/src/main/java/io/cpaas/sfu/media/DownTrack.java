package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.SenderReport;
import io.cpaas.sfu.rtp.RetransmissionBuffer;
import io.cpaas.sfu.rtp.RtpPacket;
import io.cpaas.sfu.rtp.RtpRewriter;
import io.cpaas.sfu.rtp.RtxPacket;
import io.cpaas.sfu.rtp.Vp8DescriptorRewriter;
import io.cpaas.sfu.transport.UdpTransport;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One published track as one subscriber receives it: its own SSRC, continuous sequence numbers and
 * timestamps, the subscriber's payload type and extension ids, a buffer of what was sent so that
 * NACKs can be answered (as RTX when the subscriber took it), and the sender reports that tell the
 * subscriber how its timestamps map to NTP time. For a simulcast track it also chooses the layer
 * (see {@link LayerSelector}): every 200 ms from the quality the subscriber asked for and its share of
 * the downlink estimate; a new layer starts at its next keyframe (asked for with a PLI), and the
 * rewriter makes the switch invisible to the subscriber. Every packet gets the subscriber
 * connection's transport-wide sequence number for the {@link DownlinkEstimator}. Used by the receive
 * thread only, except for counters and the settings its setters change.
 */
final class DownTrack {

    /** How a down track asks the publisher for a keyframe of one layer (rate-limited by the layer). */
    interface KeyframeRequester {
        void requestKeyframe(UpTrack track, UpLayer layer);
    }

    static final long DECISION_INTERVAL_NANOS = 200_000_000L;
    /** While waiting for a target layer's keyframe, ask again this often. */
    private static final long KEYFRAME_RETRY_NANOS = 1_000_000_000L;
    static final int MAX_LAYERS = 3;

    /** RFC 3550 §6.2 lets the interval follow the bandwidth; these are libwebrtc's, 1 s video, 5 s audio. */
    static final long VIDEO_REPORT_INTERVAL_NANOS = 1_000_000_000L;
    static final long AUDIO_REPORT_INTERVAL_NANOS = 5_000_000_000L;

    private final UpTrack source;
    private final ParticipantMedia subscriber;
    private final int outgoingSsrc;
    private final int outgoingPayloadType;
    /** The RTX SSRC announced in the subscriber's offer (FID group); 0 for audio. */
    private final int rtxSsrc;
    private volatile byte[] extensionIdMap;
    private final RtpRewriter rewriter;
    /** VP8 simulcast only: PictureID/TL0PICIDX continuity across layer switches; null otherwise. */
    private final Vp8DescriptorRewriter vp8;
    /**
     * What was sent, for NACKs; null for audio, whose subscriber offer has no {@code nack} feedback
     * ({@link io.cpaas.sfu.sdp.SubscriberCodecs}): a subscriber cannot ask for it again, so every copy
     * into a buffer would be work and memory (~130 KB per audio track) for nothing.
     */
    private final RetransmissionBuffer sent;
    private final RtpPacket packet = new RtpPacket();
    private final byte[] scratch = new byte[UdpTransport.MAX_DATAGRAM + 64];
    private final byte[] rtxOut = new byte[UdpTransport.MAX_DATAGRAM + 64 + RtxPacket.OVERHEAD];
    private final byte[] report = new byte[SenderReport.length(0)];
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private volatile boolean paused;

    private volatile String mid;
    /** Resends per subscriber track and second: NACKs cannot make the worker send more than this. */
    private static final int MAX_RESENDS_PER_SECOND = 200;
    private long resendWindowStart;
    private int resendsInWindow;

    /** The subscriber's RTX payload type for our media payload type, -1 when it did not take RTX. */
    private volatile int rtxPayloadType = -1;
    /** Whether {@link #sent} holds plain packets (for RTX) rather than encrypted ones (for resending as they were). */
    private boolean keptPlain;
    private int rtxSequenceNumber = ThreadLocalRandom.current().nextInt(0x10000);

    // Sender reports: what was sent, and when the next report is due (receive thread only).
    private long packetsSent;
    private long payloadOctetsSent;
    private int lastSentTimestamp;
    private long lastSentNanos;
    private boolean reportDue = true;
    private long nextReportNanos;
    private boolean reportedOnPublisherClock;

    private final int lossPercent;
    private final MediaCounters counters;
    private int lossCounter;

    // Layer choice (receive thread), from what the subscriber asked for (any thread).
    private final KeyframeRequester keyframes;
    private volatile int requestedLayer = MAX_LAYERS - 1;
    private volatile int wantedLayer = MAX_LAYERS - 1;
    private volatile int currentLayer = -1;
    private int targetLayer = -1;
    private long nextDecisionNanos;
    private long lastKeyframeAskNanos;
    private final long[] bitrates = new long[MAX_LAYERS];
    private final long[] knownBitrates = new long[MAX_LAYERS];
    private final boolean[] receiving = new boolean[MAX_LAYERS];
    /** The subscriber's transport-wide sequence number extension id, 0 when it did not take it. */
    private volatile int transportCcId;

    DownTrack(UpTrack source, ParticipantMedia subscriber, int outgoingSsrc, int rtxSsrc, int outgoingPayloadType,
              int lossPercent, MediaCounters counters, KeyframeRequester keyframes) {
        this.keyframes = keyframes;
        this.lossPercent = lossPercent;
        this.counters = counters;
        this.source = source;
        this.subscriber = subscriber;
        this.outgoingSsrc = outgoingSsrc;
        this.rtxSsrc = rtxSsrc;
        this.outgoingPayloadType = outgoingPayloadType;
        this.extensionIdMap = new byte[0]; // strip every extension until the subscriber's answer says which it takes
        this.rewriter = source.isVideo() ? RtpRewriter.forVideo(outgoingSsrc) : RtpRewriter.forAudio(outgoingSsrc);
        this.sent = source.isVideo() ? new RetransmissionBuffer(512, UdpTransport.MAX_DATAGRAM + 64) : null;
        this.vp8 = source.simulcast() && "VP8".equalsIgnoreCase(source.codec()) ? new Vp8DescriptorRewriter() : null;
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

    int outgoingPayloadType() {
        return outgoingPayloadType;
    }

    /** The RTX SSRC for the subscriber's offer, 0 when the track has none (audio). */
    int rtxSsrc() {
        return rtxSsrc;
    }

    /** The subscriber's answer took RTX with this payload type (-1: it did not; resend packets as they were). */
    void rtxPayloadType(int payloadType) {
        rtxPayloadType = rtxSsrc == 0 ? -1 : payloadType;
    }

    int rtxPayloadType() {
        return rtxPayloadType;
    }

    /** The subscriber's id of the transport-wide sequence number extension, 0 when its answer left it out. */
    void transportCcId(int id) {
        transportCcId = id;
    }

    /** The highest layer the subscriber wants (0 low, 1 medium, 2 high); applied at the next decision. */
    void requestedLayer(int layer) {
        requestedLayer = Math.max(0, Math.min(MAX_LAYERS - 1, layer));
        nextDecisionNanos = System.nanoTime(); // decide with the next packet
    }

    int requestedLayer() {
        return requestedLayer;
    }

    /** The layer this subscriber would take if every layer were sent: what dynacast keeps alive. */
    int wantedLayer() {
        return wantedLayer;
    }

    /** The layer being forwarded, -1 before the first or without simulcast. */
    int currentLayer() {
        return currentLayer;
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

    /**
     * Forwards one plain RTP packet of the source track to this subscriber; true when it was sent.
     *
     * @param layer    the layer the packet belongs to
     * @param keyframe whether the packet starts a keyframe (only read for simulcast tracks)
     */
    boolean forward(UpLayer layer, boolean keyframe, byte[] buf, int off, int len, long nowNanos) {
        PeerConnection connection = subscriber.subscribeConnection();
        if (paused || connection == null || !connection.isConnected() || len > UdpTransport.MAX_DATAGRAM) {
            return false;
        }
        if (source.simulcast() && !selects(layer, keyframe, nowNanos)) {
            return false;
        }
        long nowMillis = nowNanos / 1_000_000;
        System.arraycopy(buf, off, scratch, 0, len);
        packet.wrap(scratch, 0, len);
        int sourceSsrc = packet.ssrc();
        if (!packet.isValid() || !rewriter.rewrite(packet, nowMillis)) {
            return false;
        }
        if (vp8 != null) {
            vp8.rewrite(scratch, packet.payloadOffset(), packet.payloadLength(), sourceSsrc);
        }
        packet.setPayloadType(outgoingPayloadType);
        if (packet.hasExtension()) {
            packet.rewriteExtensionIds(extensionIdMap);
            stampTransportSequence(len, nowNanos);
        }
        // Spread evenly and never the first packets: a receiver only notices holes after data it has seen.
        boolean drop = lossPercent > 0 && ++lossCounter > 10 && (lossCounter * lossPercent) % 100 < lossPercent;
        if (drop) {
            counters.testDrops.increment(); // test hook: encrypted and kept for NACKs, but not sent
        }
        // RTX repeats the plain packet under another SSRC; a plain resend repeats the encrypted bytes (SRTP
        // never protects one index twice). Which one the buffer holds follows the subscriber's answer.
        boolean keepPlain = rtxPayloadType >= 0;
        RetransmissionBuffer keepEncrypted = null;
        if (sent != null) {
            if (keepPlain != keptPlain) {
                sent.clear();
                keptPlain = keepPlain;
            }
            if (keepPlain) {
                sent.store(packet, nowMillis);
            } else {
                keepEncrypted = sent;
            }
        }
        connection.sendRtp(scratch, 0, len, keepEncrypted, drop, nowMillis);
        packets.increment();
        bytes.add(len);
        subscriber.participant().traffic().sent(len);
        packetsSent++;
        payloadOctetsSent += packet.payloadLength();
        lastSentTimestamp = packet.timestamp();
        lastSentNanos = nowNanos;
        if (reportDue || nowNanos - nextReportNanos >= 0 || (!reportedOnPublisherClock && source.publisher().clock().known())) {
            sendSenderReport(connection, nowNanos);
        }
        return true;
    }

    /**
     * Leaves out a packet this track would have forwarded (silence in a large room,
     * {@link SilentAudioFilter}): the next packet forwarded takes its sequence number, so the
     * subscriber sees no loss. False when the packet would not have been forwarded anyway.
     */
    boolean skip(RtpPacket original) {
        PeerConnection connection = subscriber.subscribeConnection();
        if (paused || connection == null || !connection.isConnected()) {
            return false;
        }
        rewriter.skip(original);
        return true;
    }

    /**
     * Whether a packet of {@code layer} is forwarded: packets of the current layer are; the target
     * layer takes over at its keyframe; anything else (other layers, late packets of the layer left)
     * is dropped, as the rewriter requires.
     */
    private boolean selects(UpLayer layer, boolean keyframe, long nowNanos) {
        if (nowNanos - nextDecisionNanos >= 0) {
            decide(nowNanos);
        }
        int index = layer.index();
        if (index == currentLayer) {
            return true;
        }
        if (index == targetLayer && keyframe) {
            if (currentLayer >= 0) {
                counters.layerSwitches.increment();
            }
            currentLayer = index;
            return true;
        }
        return false;
    }

    /** Chooses the target layer from the request, the budget and what is sending; asks for its keyframe. */
    private void decide(long nowNanos) {
        nextDecisionNanos = nowNanos + DECISION_INTERVAL_NANOS;
        UpLayer[] layers = source.layers();
        int count = Math.min(MAX_LAYERS, layers.length);
        for (int i = 0; i < count; i++) {
            bitrates[i] = layers[i].bitrate();
            knownBitrates[i] = layers[i].lastActiveBitrate();
            receiving[i] = layers[i].receiving(nowNanos);
        }
        long budget = subscriber.videoBudget();
        int requested = requestedLayer;
        wantedLayer = LayerSelector.wanted(requested, budget, knownBitrates, count);
        int target = LayerSelector.choose(requested, budget, bitrates, receiving, count, currentLayer);
        boolean changed = target != targetLayer;
        targetLayer = target;
        if (target >= 0 && target != currentLayer && (changed || nowNanos - lastKeyframeAskNanos > KEYFRAME_RETRY_NANOS)) {
            lastKeyframeAskNanos = nowNanos;
            keyframes.requestKeyframe(source, layers[target]);
        }
    }

    /** Gives the packet in {@link #packet} the connection's next transport-wide sequence number, when it carries one. */
    private void stampTransportSequence(int length, long nowNanos) {
        int id = transportCcId;
        if (id > 0 && packet.transportSequenceNumber(id) >= 0) {
            DownlinkEstimator downlink = subscriber.downlink();
            int sequence = downlink.nextSequenceNumber();
            packet.setTransportSequenceNumber(id, sequence);
            downlink.onPacketSent(sequence, length, nowNanos);
        }
    }

    /**
     * The sender report for this stream (RFC 3550 §6.4.1) as of now: our SSRC, the publisher's NTP time
     * and the RTP timestamp that goes with it on our timeline (the publisher's SR mapping moved by the
     * rewriter's offset, or, before its first SR, the last sent timestamp moved on by the time since),
     * and what this subscriber was sent. The first goes out with the first packet, and again as soon as
     * the publisher's clock is known, so that a receiver syncs audio and video early.
     */
    private void sendSenderReport(PeerConnection connection, long nowNanos) {
        PublisherClock clock = source.publisher().clock();
        long ntp = clock.ntpAt(nowNanos);
        int clockRate = source.clockRate();
        int rtpTimestamp;
        UpLayer layer = source.layers()[Math.max(0, currentLayer)];
        if (layer.hasSenderReport()) {
            rtpTimestamp = rewriter.mapTimestamp(
                    SenderReport.rtpTimestampAt(ntp, layer.senderReportNtp(), layer.senderReportRtpTimestamp(), clockRate));
        } else {
            rtpTimestamp = lastSentTimestamp + (int) ((nowNanos - lastSentNanos) / 1_000 * clockRate / 1_000_000);
        }
        int length = SenderReport.write(report, 0, outgoingSsrc, ntp, rtpTimestamp, (int) packetsSent, (int) payloadOctetsSent, 0);
        connection.sendRtcp(report, 0, length);
        counters.senderReportsSent.increment();
        reportDue = false;
        reportedOnPublisherClock = clock.known();
        // RFC 3550 §6.3.5: randomized over 0.5–1.5 intervals, so the reports of many streams do not bunch up.
        long interval = source.isVideo() ? VIDEO_REPORT_INTERVAL_NANOS : AUDIO_REPORT_INTERVAL_NANOS;
        nextReportNanos = nowNanos + interval / 2 + ThreadLocalRandom.current().nextLong(interval);
    }

    /**
     * Sends again what the subscriber says it lost, when still buffered: as RTX (RFC 4588) when the
     * subscriber took it, otherwise the kept encrypted packet as it was. Answers how many were sent.
     */
    int retransmit(int[] sequenceNumbers, int count) {
        PeerConnection connection = subscriber.subscribeConnection();
        if (connection == null || sent == null) {
            return 0;
        }
        int rtx = rtxPayloadType;
        if (keptPlain && rtx < 0) {
            return 0; // the subscriber stopped taking RTX; the buffer is emptied with the next packet
        }
        int resent = 0;
        long now = System.nanoTime();
        if (now - resendWindowStart > 1_000_000_000L) {
            resendWindowStart = now;
            resendsInWindow = 0;
        }
        for (int i = 0; i < count && resendsInWindow < MAX_RESENDS_PER_SECOND; i++, resendsInWindow++) {
            int length = sent.copyOut(sequenceNumbers[i], scratch, 0);
            if (length <= 0) {
                continue;
            }
            if (keptPlain) {
                packet.wrap(scratch, 0, length);
                if (!packet.isValid() || length + RtxPacket.OVERHEAD > UdpTransport.MAX_DATAGRAM) {
                    continue; // a packet too full for its OSN cannot be repaired as RTX
                }
                int rtxLength = RtxPacket.write(packet, rtxOut, 0, rtxSsrc, rtx, rtxSequenceNumber);
                rtxSequenceNumber = (rtxSequenceNumber + 1) & 0xFFFF;
                packet.wrap(rtxOut, 0, rtxLength);
                if (packet.isValid() && packet.hasExtension()) {
                    stampTransportSequence(rtxLength, now); // a repair is a packet of its own for congestion control
                }
                connection.sendRtp(rtxOut, 0, rtxLength, null);
                counters.rtxRetransmissions.increment();
                subscriber.participant().traffic().sent(rtxLength);
            } else {
                connection.resend(scratch, 0, length);
                subscriber.participant().traffic().sent(length);
            }
            resent++;
        }
        return resent;
    }
}
