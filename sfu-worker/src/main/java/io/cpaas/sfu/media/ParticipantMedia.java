package io.cpaas.sfu.media;

import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.sdp.SubscriberOffer;
import io.cpaas.sfu.sdp.SubscriberOfferBuilder;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The media side of one participant: its publish and subscribe connections, the tracks it sends
 * (by SSRC, for the receive thread) and the tracks it receives (by our SSRC, for its RTCP), and
 * where the negotiation of its subscribe connection stands.
 */
final class ParticipantMedia {

    private final Participant participant;
    private final Room room;
    private final Map<Long, UpTrack> upBySsrc = new ConcurrentHashMap<>();
    /** Tracks by the SSRC of an RTX stream repairing one of their layers. */
    private final Map<Long, UpTrack> upByRtxSsrc = new ConcurrentHashMap<>();
    private final Map<String, UpTrack> upByTrack = new ConcurrentHashMap<>();
    private final Map<Long, DownTrack> downBySsrc = new ConcurrentHashMap<>();
    private final Map<String, DownTrack> downByTrack = new ConcurrentHashMap<>();
    private final Set<String> unsubscribed = new HashSet<>();
    private volatile PeerConnection publishConnection;
    private volatile PeerConnection subscribeConnection;
    private volatile Map<String, Integer> publishExtensionIds = Map.of();
    /** The transport-wide sequence number's extension id on the publish connection, 0 when not negotiated. */
    private volatile int transportCcId;
    private volatile PublisherFeedback feedback;
    private volatile UpstreamLossRepair lossRepair;
    private final PublisherClock clock = new PublisherClock();
    /** For a participant relayed from another worker: where keyframe requests for its tracks go (by SSRC). */
    private volatile java.util.function.LongConsumer relayKeyframes;
    /** The mid and rid extension ids on the publish connection (0 when not negotiated), to learn simulcast SSRCs. */
    private volatile int midId;
    private volatile int ridId;
    private volatile int repairedRidId;
    /** This participant's downlink as a subscriber, from the transport-cc feedback about what it was sent. */
    private final DownlinkEstimator downlink = new DownlinkEstimator();
    /** How many video tracks share the downlink estimate, and how much audio takes off it (media timer). */
    private volatile int videoShares = 1;
    private volatile long audioReserve;
    /** The audio level extension's id on the publish connection, 0 when not negotiated. */
    private volatile int audioLevelId;
    private final AudioLevelTracker audioLevel = new AudioLevelTracker();
    private final LinkStatistics linkStatistics = new LinkStatistics();

    /** o= session id of the publish connection's answers: fixed for the connection's life. */
    final long publishSessionId = new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;

    // Negotiation of the subscribe connection; guarded by this object.
    SubscriberOfferBuilder offerBuilder;
    SubscriberOffer lastOffer;
    boolean awaitingAnswer;
    boolean renegotiateAfterAnswer;

    ParticipantMedia(Participant participant, Room room) {
        this.participant = participant;
        this.room = room;
    }

    Participant participant() {
        return participant;
    }

    Room room() {
        return room;
    }

    PeerConnection publishConnection() {
        return publishConnection;
    }

    void publishConnection(PeerConnection connection) {
        publishConnection = connection;
    }

    PeerConnection subscribeConnection() {
        return subscribeConnection;
    }

    void subscribeConnection(PeerConnection connection) {
        subscribeConnection = connection;
    }

    Map<String, Integer> publishExtensionIds() {
        return publishExtensionIds;
    }

    void publishExtensionIds(Map<String, Integer> ids) {
        publishExtensionIds = Map.copyOf(ids);
        Integer transportCc = ids.get(io.cpaas.sfu.sdp.RtpExtensions.TRANSPORT_CC);
        transportCcId = transportCc == null ? 0 : transportCc;
        Integer mid = ids.get(io.cpaas.sfu.sdp.RtpExtensions.MID);
        midId = mid == null ? 0 : mid;
        Integer rid = ids.get(io.cpaas.sfu.sdp.RtpExtensions.RTP_STREAM_ID);
        ridId = rid == null ? 0 : rid;
        Integer repairedRid = ids.get(io.cpaas.sfu.sdp.RtpExtensions.REPAIRED_RTP_STREAM_ID);
        repairedRidId = repairedRid == null ? 0 : repairedRid;
        Integer level = ids.get(io.cpaas.sfu.sdp.RtpExtensions.AUDIO_LEVEL);
        audioLevelId = level == null ? 0 : level;
    }

    DownlinkEstimator downlink() {
        return downlink;
    }

    /** Bits per second one forwarded video track may take: the estimate less audio, shared equally. */
    long videoBudget() {
        return Math.max(0, downlink.estimate() - audioReserve) / Math.max(1, videoShares);
    }

    /** Recounts the shares of the estimate (media timer). */
    void shareDownlink(int videoTracks, long audioBitrate) {
        videoShares = Math.max(1, videoTracks);
        audioReserve = audioBitrate;
    }

    /**
     * A packet on an SSRC no track is known by: when its mid and rid extensions name a simulcast
     * layer of one of this publisher's tracks whose SSRC is not known yet, that layer receives on it
     * from now on. Answers the track, or null (RTX, repairs, unknown streams). Allocation-free.
     */
    UpTrack learnLayer(io.cpaas.sfu.rtp.RtpPacket rtp) {
        int mid = midId;
        int rid = ridId;
        if (mid == 0 || rid == 0 || rtp.findExtension(rid) < 0) {
            return null;
        }
        for (UpTrack up : upByTrack.values()) {
            if (!up.simulcast() || !rtp.midEquals(mid, up.midBytes())) {
                continue;
            }
            for (UpLayer layer : up.layers()) {
                if (!layer.ssrcKnown() && rtp.ridEquals(rid, layer.ridBytes())) {
                    layer.learnSsrc(rtp.ssrc());
                    upBySsrc.put(rtp.ssrc() & 0xFFFFFFFFL, up);
                    return up;
                }
            }
        }
        return null;
    }

    /**
     * The track an RTX stream repairs, by its SSRC: known from the offer's FID group, or learned here
     * from the first packet whose mid and repaired-rid extensions (RFC 8852) name a layer whose RTX
     * SSRC is not known yet. Null for anything else. Allocation-free.
     */
    UpTrack repairedTrack(io.cpaas.sfu.rtp.RtpPacket rtp) {
        UpTrack known = upByRtxSsrc.get(rtp.ssrc() & 0xFFFFFFFFL);
        if (known != null) {
            return known;
        }
        int mid = midId;
        int repairedRid = repairedRidId;
        if (mid == 0 || repairedRid == 0 || rtp.findExtension(repairedRid) < 0) {
            return null;
        }
        for (UpTrack up : upByTrack.values()) {
            if (!up.simulcast() || up.rtxPayloadType() < 0 || !rtp.midEquals(mid, up.midBytes())) {
                continue;
            }
            for (UpLayer layer : up.layers()) {
                if (!layer.rtxSsrcKnown() && rtp.ridEquals(repairedRid, layer.ridBytes())) {
                    layer.learnRtxSsrc(rtp.ssrc());
                    upByRtxSsrc.put(rtp.ssrc() & 0xFFFFFFFFL, up);
                    return up;
                }
            }
        }
        return null;
    }

    java.util.function.LongConsumer relayKeyframes() {
        return relayKeyframes;
    }

    void relayKeyframes(java.util.function.LongConsumer sink) {
        relayKeyframes = sink;
    }

    int audioLevelId() {
        return audioLevelId;
    }

    /** How loud this participant's microphone is (active speakers). */
    AudioLevelTracker audioLevel() {
        return audioLevel;
    }

    /** Loss, jitter and round trip of this participant's connection (connection quality). */
    LinkStatistics linkStatistics() {
        return linkStatistics;
    }

    int transportCcId() {
        return transportCcId;
    }

    /** Feedback to this participant as a publisher; null until it publishes. */
    PublisherFeedback feedback() {
        return feedback;
    }

    void feedback(PublisherFeedback value) {
        feedback = value;
    }

    /** Repair of what this participant's link lost as a publisher; null until it publishes. */
    UpstreamLossRepair lossRepair() {
        return lossRepair;
    }

    void lossRepair(UpstreamLossRepair value) {
        lossRepair = value;
    }

    /** This participant's NTP clock as its sender reports show it; receive thread only. */
    PublisherClock clock() {
        return clock;
    }

    UpTrack upTrack(long ssrc) {
        return upBySsrc.get(ssrc);
    }

    UpTrack upTrackOf(String trackSid) {
        return upByTrack.get(trackSid);
    }

    Collection<UpTrack> upTracks() {
        return upByTrack.values();
    }

    void addUpTrack(UpTrack track) {
        if (!track.simulcast()) {
            upBySsrc.put(track.ssrc() & 0xFFFFFFFFL, track);
        }
        for (UpLayer layer : track.layers()) {
            if (layer.rtxSsrcKnown()) {
                upByRtxSsrc.put(layer.rtxSsrc() & 0xFFFFFFFFL, track);
            }
        }
        upByTrack.put(track.track().sid(), track);
    }

    UpTrack removeUpTrack(String trackSid) {
        UpTrack track = upByTrack.remove(trackSid);
        if (track != null) {
            for (UpLayer layer : track.layers()) {
                if (layer.ssrcKnown()) {
                    upBySsrc.remove(layer.ssrc() & 0xFFFFFFFFL, track);
                }
                if (layer.rtxSsrcKnown()) {
                    upByRtxSsrc.remove(layer.rtxSsrc() & 0xFFFFFFFFL, track);
                }
            }
        }
        return track;
    }

    DownTrack downTrack(long outgoingSsrc) {
        return downBySsrc.get(outgoingSsrc);
    }

    DownTrack downTrackOf(String trackSid) {
        return downByTrack.get(trackSid);
    }

    Collection<DownTrack> downTracks() {
        return downByTrack.values();
    }

    void addDownTrack(DownTrack track) {
        downBySsrc.put(track.outgoingSsrc() & 0xFFFFFFFFL, track);
        downByTrack.put(track.source().track().sid(), track);
    }

    DownTrack removeDownTrack(String trackSid) {
        DownTrack track = downByTrack.remove(trackSid);
        if (track != null) {
            downBySsrc.remove(track.outgoingSsrc() & 0xFFFFFFFFL, track);
        }
        return track;
    }

    /** Tracks the participant asked not to receive (selective subscription); guarded by this object. */
    Set<String> unsubscribed() {
        return unsubscribed;
    }

    private volatile boolean closed;

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        PeerConnection publish = publishConnection;
        PeerConnection subscribe = subscribeConnection;
        if (publish != null) {
            publish.close();
        }
        if (subscribe != null) {
            subscribe.close();
        }
        downByTrack.clear();
        downBySsrc.clear();
    }
}
