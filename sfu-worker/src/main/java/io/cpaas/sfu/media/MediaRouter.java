package io.cpaas.sfu.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.TrackSource;
import io.cpaas.sfu.config.WorkerConfig;
import io.cpaas.sfu.dtls.DtlsCertificate;
import io.cpaas.sfu.dtls.DtlsServerSession;
import io.cpaas.sfu.events.EventJournal;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.rtcp.Fir;
import io.cpaas.sfu.rtcp.Nack;
import io.cpaas.sfu.rtcp.Pli;
import io.cpaas.sfu.rtcp.Remb;
import io.cpaas.sfu.rtcp.RtcpCompoundIterator;
import io.cpaas.sfu.rtcp.RtcpHeader;
import io.cpaas.sfu.rtcp.FeedbackPacket;
import io.cpaas.sfu.rtcp.SenderReport;
import io.cpaas.sfu.rtcp.TransportCcFeedback;
import io.cpaas.sfu.rtp.RtpPacket;
import io.cpaas.sfu.rtp.RtxPacket;
import io.cpaas.sfu.sdp.Direction;
import io.cpaas.sfu.sdp.Fingerprint;
import io.cpaas.sfu.sdp.ForwardedTrack;
import io.cpaas.sfu.sdp.HostCandidate;
import io.cpaas.sfu.sdp.LocalTransport;
import io.cpaas.sfu.sdp.MediaKind;
import io.cpaas.sfu.sdp.NegotiatedMedia;
import io.cpaas.sfu.sdp.PayloadType;
import io.cpaas.sfu.sdp.PublisherAnswer;
import io.cpaas.sfu.sdp.PublisherAnswerBuilder;
import io.cpaas.sfu.sdp.RemoteTransport;
import io.cpaas.sfu.sdp.SdpParseException;
import io.cpaas.sfu.sdp.SsrcGroup;
import io.cpaas.sfu.sdp.SubscriberAnswer;
import io.cpaas.sfu.sdp.SubscriberAnswerParser;
import io.cpaas.sfu.sdp.SubscriberCodecs;
import io.cpaas.sfu.sdp.SubscriberMediaAnswer;
import io.cpaas.sfu.sdp.SubscriberOffer;
import io.cpaas.sfu.sdp.SubscriberOfferBuilder;
import io.cpaas.sfu.signal.MediaSignaling;
import io.cpaas.sfu.signal.SignalError;
import io.cpaas.sfu.transport.UdpTransport;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The media side of the worker: owns the UDP socket and the peer connections, negotiates them for
 * signaling, and forwards every publisher's RTP to its subscribers. Structural changes (publish,
 * join, leave, answers) are serialized per room; the receive thread only reads.
 */
@ApplicationScoped
@Startup
public class MediaRouter implements MediaSignaling, RoomRegistry.RoomListener, PeerConnection.Listener {

    private static final Logger LOG = Logger.getLogger(MediaRouter.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** SSRC the worker signs its own RTCP with. */
    static final int WORKER_SSRC = 1;
    private static final long REMB_BITRATE = 2_500_000;
    private static final long SILENCE_LIMIT_NANOS = 30_000_000_000L;
    /** Dynacast pauses a layer no subscriber wanted for this long: a subscriber dipping for a moment keeps it. */
    private static final long PAUSE_UNNEEDED_AFTER_NANOS = 3_000_000_000L;
    private static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    private static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    private final ObjectMapper json;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final PeerConnectionRegistry connections = new PeerConnectionRegistry();
    private final MediaDemultiplexer demultiplexer = new MediaDemultiplexer(connections);
    private final ExecutorService dtlsExecutor = DtlsServerSession.newExecutor(64);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "media-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<HostCandidate> candidates;
    private final UdpTransport transport;
    private final Map<PeerConnection, ParticipantMedia> owners = new java.util.concurrent.ConcurrentHashMap<>();
    private final RtpPacket rtp = new RtpPacket();
    private final RtcpCompoundIterator rtcp = new RtcpCompoundIterator();
    private final TransportCcFeedback transportCcFeedback = new TransportCcFeedback();
    private final int[] nacked = new int[1024];
    private final MediaCounters counters = new MediaCounters();
    private final int lossPercent;
    private final boolean upstreamNack;
    /** Subscribers a microphone track needs before its silence is left out; 0: never. */
    private final int skipSilentAudioFrom;
    private final EventJournal journal;
    /** Where the room's packets also go when other workers relay it (a broadcast's edges); null when none. */
    private volatile RelayOutlet relayOutlet;

    public MediaRouter(ObjectMapper json, WorkerConfig config, RoomRegistry rooms, EventJournal journal) {
        this.json = json;
        this.journal = journal;
        this.lossPercent = config.testing().outgoingLossPercent();
        this.upstreamNack = config.upstreamNack();
        this.skipSilentAudioFrom = config.skipSilentAudioFromSubscribers();
        if (!upstreamNack) {
            LOG.warn("publishers' losses are not repaired (cpaas.worker.upstream-nack=false)");
        }
        if (lossPercent > 0) {
            LOG.warnf("TEST HOOK: dropping %d%% of forwarded RTP packets on purpose (cpaas.worker.testing.outgoing-loss-percent)", lossPercent);
        }
        this.candidates = config.udp().announcedAddresses().stream().map(HostCandidate::parse).toList();
        try {
            this.transport = new UdpTransport(new InetSocketAddress(config.udp().bindHost(), config.udp().port()), demultiplexer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the media socket " + config.udp().bindHost() + ":" + config.udp().port(), e);
        }
        rooms.listen(this);
        timer.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::shareAndDynacast, 250, 250, TimeUnit.MILLISECONDS);
        LOG.infof("media socket on %s (%s), announced as %s", transport.localAddress(),
                transport.batching() ? "epoll: forwarded packets sent in sendmmsg batches" : "one system call per datagram",
                config.udp().announcedAddresses());
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        timer.shutdownNow();
        transport.close();
        dtlsExecutor.shutdownNow();
    }

    public UdpTransport transport() {
        return transport;
    }

    MediaDemultiplexer demultiplexer() {
        return demultiplexer;
    }

    public MediaCounters counters() {
        return counters;
    }

    /** Hands every forwardable packet of a room to the relay too (io.cpaas.sfu.relay). */
    public void relayOutlet(RelayOutlet outlet) {
        relayOutlet = outlet;
    }

    /** Receives the datagrams of the worker-to-worker relay (first byte {@link RelayOutlet#DATAGRAM_MARKER}). */
    public void relayDatagrams(io.cpaas.sfu.transport.DatagramHandler handler) {
        demultiplexer.relay(handler);
    }

    /** Datagrams dropped before reaching a connection, by reason, for metrics. */
    public long dropped(String reason) {
        return demultiplexer.dropped(MediaDemultiplexer.Drop.valueOf(reason));
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Remote addresses latched by ICE across all connections (at most one or two per connection). */
    public int latchedAddressCount() {
        return connections.latchedAddresses();
    }

    // ---- signaling ----------------------------------------------------------------------------

    @Override
    public void joined(Room room, Participant participant) {
        ParticipantMedia media = new ParticipantMedia(participant, room);
        participant.media(media);
        if (!participant.grants().subscribe()) {
            return;
        }
        synchronized (room) {
            for (Participant other : room.participants()) {
                ParticipantMedia publisher = other.media();
                if (other != participant && publisher != null) {
                    publisher.upTracks().forEach(up -> attach(up, media));
                }
            }
            renegotiate(media);
        }
    }

    @Override
    public void left(Room room, Participant participant) {
        ParticipantMedia media = participant.media();
        if (media == null) {
            return;
        }
        synchronized (room) {
            for (UpTrack up : List.copyOf(media.upTracks())) {
                // The participant's own track list stays: PresenceAnnouncer announces it as unpublished.
                unpublish(room, media, up, false);
            }
            for (DownTrack down : List.copyOf(media.downTracks())) {
                down.source().remove(down);
            }
            media.close();
            owners.values().removeIf(owner -> owner == media);
        }
    }

    @Override
    public String publish(Room room, Participant participant, String offerSdp, List<TrackRequest> requests) {
        if (participant.hidden()) {
            throw new SignalError(SignalError.NOT_ALLOWED, "hidden participants do not publish");
        }
        ParticipantMedia media = participant.media();
        synchronized (room) {
            if (media.isClosed()) {
                throw new SignalError(SignalError.NOT_JOINED, "this participant has left");
            }
            PeerConnection connection = media.publishConnection();
            if (connection != null && connection.isClosed()) {
                throw new SignalError(SignalError.MEDIA_FAILED, "the publish connection was closed; join again");
            }
            if (connection == null) {
                connection = open(PeerConnection.Role.PUBLISH, media);
                media.feedback(new PublisherFeedback(counters));
                media.lossRepair(upstreamNack ? new UpstreamLossRepair(counters) : null);
                media.publishConnection(connection);
            }
            PublisherAnswer answer;
            try {
                answer = new PublisherAnswerBuilder(local(connection), media.publishSessionId).answer(offerSdp);
            } catch (SdpParseException | IllegalArgumentException e) {
                throw new SignalError(SignalError.MEDIA_FAILED, "the publish offer cannot be used: " + e.getMessage());
            }
            List<UpTrack> added = new ArrayList<>();
            for (TrackRequest request : requests) {
                NegotiatedMedia negotiated = answer.media(request.mid()).filter(NegotiatedMedia::accepted)
                        .orElseThrow(() -> new SignalError(SignalError.MEDIA_FAILED, "m-section " + request.mid() + " was not accepted"));
                TrackSource source = TrackSource.fromWireName(request.source())
                        .orElseThrow(() -> new SignalError(SignalError.BAD_MESSAGE, "unknown source " + request.source()));
                if (!participant.grants().canPublish(source)) {
                    throw new SignalError(SignalError.NOT_ALLOWED, "this participant may not publish " + request.source());
                }
                if (sourceKind(source) != negotiated.kind()) {
                    throw new SignalError(SignalError.BAD_MESSAGE, request.source() + " must be sent in a " + sourceKind(source).name().toLowerCase() + " m-section");
                }
                if (media.upTracks().stream().anyMatch(up -> up.track().mid().equals(request.mid()))) {
                    continue; // renegotiation: already published
                }
                added.add(upTrack(media, negotiated, source));
            }
            media.publishExtensionIds(extensionIds(answer));
            expectDtls(connection, answer.remote());
            for (UpTrack up : added) {
                media.addUpTrack(up);
                participant.putTrack(up.track());
                journal.trackPublished(room, participant, up.track());
                if (!participant.hidden()) {
                    ObjectNode published = json.createObjectNode().put("type", "trackPublished").put("participantSid", participant.sid());
                    published.set("track", describe(up.track()));
                    room.broadcast(published, participant);
                }
                for (Participant other : room.participants()) {
                    ParticipantMedia subscriber = other.media();
                    if (other != participant && subscriber != null && other.grants().subscribe()) {
                        attach(up, subscriber);
                        renegotiate(subscriber);
                    }
                }
            }
            return answer.sdp();
        }
    }

    @Override
    public void subscribeAnswer(Room room, Participant participant, String answerSdp) {
        ParticipantMedia media = participant.media();
        synchronized (room) {
            synchronized (media) {
                if (!media.awaitingAnswer || media.lastOffer == null) {
                    throw new SignalError(SignalError.BAD_MESSAGE, "no subscribe offer is waiting for an answer");
                }
                SubscriberAnswer answer;
                try {
                    answer = SubscriberAnswerParser.parse(media.lastOffer, answerSdp);
                } catch (SdpParseException | IllegalArgumentException e) {
                    throw new SignalError(SignalError.MEDIA_FAILED, "the subscribe answer cannot be used: " + e.getMessage());
                }
                media.awaitingAnswer = false;
                expectDtls(media.subscribeConnection(), answer.remote());
                for (DownTrack down : media.downTracks()) {
                    String mid = down.mid();
                    SubscriberMediaAnswer accepted = mid == null ? null : answer.media(mid).filter(SubscriberMediaAnswer::accepted).orElse(null);
                    if (accepted != null) {
                        down.extensionIdMap(extensionIdMap(down.source().publisher().publishExtensionIds(), accepted.extensionIds()));
                        Integer transportCc = accepted.extensionIds().get(io.cpaas.sfu.sdp.RtpExtensions.TRANSPORT_CC);
                        down.transportCcId(transportCc == null ? 0 : transportCc);
                        // RFC 4588: retransmit as RTX only where the answer kept the RTX payload type.
                        OptionalInt rtx = SubscriberCodecs.rtxFor(down.outgoingPayloadType());
                        down.rtxPayloadType(rtx.isPresent() && accepted.accepts(rtx.getAsInt()) ? rtx.getAsInt() : -1);
                    }
                    down.paused(accepted == null || media.unsubscribed().contains(down.source().track().sid()));
                }
                if (media.renegotiateAfterAnswer) {
                    media.renegotiateAfterAnswer = false;
                    renegotiate(media);
                }
            }
        }
        // A keyframe that comes before the subscriber's connection is up is not forwarded to it: on a first
        // answer, connected() asks once the connection is.
        PeerConnection subscription = media.subscribeConnection();
        if (subscription != null && subscription.isConnected()) {
            requestKeyframes(media);
        }
    }

    @Override
    public void unpublish(Room room, Participant participant, String trackSid) {
        ParticipantMedia media = participant.media();
        synchronized (room) {
            UpTrack up = media == null ? null : media.upTrackOf(trackSid);
            if (up == null) {
                throw new SignalError(SignalError.UNKNOWN_TRACK, "no published track " + trackSid);
            }
            unpublish(room, media, up, true);
            if (!participant.hidden()) {
                room.broadcast(json.createObjectNode().put("type", "trackUnpublished")
                        .put("participantSid", participant.sid()).put("trackSid", trackSid), participant);
            }
        }
    }

    @Override
    public void subscription(Room room, Participant participant, List<String> trackSids, boolean subscribe) {
        ParticipantMedia media = participant.media();
        synchronized (media) {
            for (String sid : trackSids) {
                if (media.downTrackOf(sid) == null) {
                    continue; // only tracks it receives: the set stays bounded by what exists
                }
                if (subscribe) {
                    media.unsubscribed().remove(sid);
                } else {
                    media.unsubscribed().add(sid);
                }
                DownTrack down = media.downTrackOf(sid);
                if (down != null) {
                    down.paused(!subscribe);
                    if (subscribe) {
                        requestKeyframe(down.source());
                    }
                }
            }
        }
    }

    @Override
    public void videoQuality(Room room, Participant participant, String trackSid, int layer) {
        ParticipantMedia media = participant.media();
        DownTrack down = media == null ? null : media.downTrackOf(trackSid);
        if (down == null) {
            throw new SignalError(SignalError.UNKNOWN_TRACK, "no received track " + trackSid);
        }
        down.requestedLayer(layer);
    }

    @Override
    public void muted(Room room, Participant participant, String trackSid, boolean muted) {
        // The publisher stops sending media itself; nothing to change in forwarding.
    }

    // ---- control (room-service) ---------------------------------------------------------------

    /**
     * Server mute: stops (or resumes) forwarding the track to every subscriber, whatever its
     * publisher sends. Answers the track as the room now sees it, or null when it is not published.
     */
    public PublishedTrack serverMute(Room room, Participant participant, String trackSid, boolean muted) {
        ParticipantMedia media = participant.media();
        synchronized (room) {
            UpTrack up = media == null ? null : media.upTrackOf(trackSid);
            PublishedTrack track = participant.updateTrack(trackSid, t -> t.withServerMuted(muted));
            if (up == null || track == null) {
                return null;
            }
            up.serverMuted(muted);
            if (!muted) {
                // Subscribers lost the picture's references while nothing came: without a keyframe they stay frozen.
                requestKeyframe(up);
            }
            return track;
        }
    }

    /**
     * Applies changed permissions to the media: tracks it may no longer publish are unpublished
     * (everyone, the publisher too, hears trackUnpublished), and it stops or starts receiving
     * when subscribe was revoked or granted. Call after the participant's grants changed.
     */
    public void permissionsChanged(Room room, Participant participant, RoomGrants before) {
        ParticipantMedia media = participant.media();
        if (media == null) {
            return;
        }
        synchronized (room) {
            if (media.isClosed()) {
                return;
            }
            for (UpTrack up : List.copyOf(media.upTracks())) {
                if (!participant.grants().canPublish(up.track().source())) {
                    unpublish(room, media, up, true);
                    if (!participant.hidden()) {
                        room.broadcast(json.createObjectNode().put("type", "trackUnpublished")
                                .put("participantSid", participant.sid()).put("trackSid", up.track().sid()), null);
                    }
                }
            }
            boolean subscribe = participant.grants().subscribe();
            if (before.subscribe() && !subscribe) {
                for (DownTrack down : List.copyOf(media.downTracks())) {
                    down.source().remove(down);
                    media.removeDownTrack(down.source().track().sid());
                }
                renegotiate(media);
            } else if (!before.subscribe() && subscribe) {
                for (Participant other : room.participants()) {
                    ParticipantMedia publisher = other.media();
                    if (other != participant && publisher != null) {
                        publisher.upTracks().forEach(up -> attach(up, media));
                    }
                }
                renegotiate(media);
            }
        }
    }

    /** True when one of the participant's peer connections is up (ICE and DTLS done). */
    public boolean mediaConnected(Participant participant) {
        ParticipantMedia media = participant.media();
        if (media == null) {
            return false;
        }
        PeerConnection publish = media.publishConnection();
        PeerConnection subscribe = media.subscribeConnection();
        return publish != null && publish.isConnected() || subscribe != null && subscribe.isConnected();
    }

    // ---- packets ------------------------------------------------------------------------------

    @Override
    public void connected(PeerConnection connection) {
        ParticipantMedia media = owners.get(connection);
        if (media != null && connection.role() == PeerConnection.Role.SUBSCRIBE) {
            requestKeyframes(media);
        }
    }

    @Override
    public void rtp(PeerConnection connection, byte[] buf, int off, int len) {
        ParticipantMedia media = owners.get(connection);
        if (media == null || connection.role() != PeerConnection.Role.PUBLISH) {
            return;
        }
        rtp.wrap(buf, off, len);
        if (!rtp.isValid()) {
            return;
        }
        long started = System.nanoTime();
        counters.rtpIn.increment();
        counters.rtpInBytes.add(len);
        media.participant().traffic().received(len);
        UpTrack up = media.upTrack(rtp.ssrc() & 0xFFFFFFFFL);
        if (up == null) {
            up = media.learnLayer(rtp); // the first packet of a simulcast layer names it by mid and rid
        }
        UpLayer layer = up == null ? null : up.layer(rtp.ssrc());
        if (layer != null) {
            layer.reception().onPacket(rtp.sequenceNumber(), rtp.timestamp(), started);
        }
        PublisherFeedback feedback = media.feedback();
        if (feedback != null) {
            // Every packet counts for congestion control, RTX and padding probes included.
            feedback.onRtp(media, connection, rtp, media.transportCcId(), started);
        }
        UpstreamLossRepair repair = media.lossRepair();
        boolean repaired = false;
        if (layer == null && repair != null) {
            // Not a media stream: perhaps the RTX stream repairing one (RFC 4588), to unwrap and forward as the original.
            up = media.repairedTrack(rtp);
            layer = up == null || rtp.payloadType() != up.rtxPayloadType() ? null : up.repairedLayer(rtp.ssrc());
            if (layer != null && layer.ssrcKnown()) {
                int original = RtxPacket.unwrap(rtp, layer.ssrc(), up.payloadType());
                if (original < 0) {
                    counters.unforwardable.increment(); // a padding-only probe
                    return;
                }
                len -= original - off;
                off = original;
                rtp.wrap(buf, off, len);
                repaired = true;
            } else {
                layer = null;
            }
        }
        if (up == null || layer == null || rtp.payloadType() != up.payloadType()) {
            counters.unforwardable.increment(); // RED, FEC, unsignaled streams, RTX of what is not repaired
            return;
        }
        if (repair != null) {
            double roundTrip = media.linkStatistics().roundTripMillis();
            boolean forward = repaired
                    ? repair.onRepair(connection, layer, rtp.sequenceNumber(), roundTrip, started)
                    : repair.onOriginal(connection, layer, rtp.sequenceNumber(), roundTrip, started);
            if (!forward) {
                return;
            }
        }
        up.counted(len);
        if (!repaired) {
            layer.onPacket(len, started); // the layer's bitrate is what its publisher sends, without repairs
        }
        // A late keyframe start must not switch a subscriber's layer: the rest of that keyframe went by already.
        boolean keyframe = up.simulcast() && !repaired && up.startsKeyframe(rtp);
        if (up.serverMuted()) {
            counters.serverMuted.increment(); // still counted above: reception stats and congestion control see it
            return;
        }
        RelayOutlet outlet = relayOutlet;
        if (outlet != null) {
            outlet.forward(media.room(), buf, off, len);
        }
        boolean silence = false;
        if (media.audioLevelId() > 0 && !up.isVideo()) {
            int level = rtp.audioLevelOctet(media.audioLevelId());
            media.audioLevel().onPacket(level);
            silence = isSkippedSilence(up, level);
        }
        fanOut(up, layer, keyframe, silence, rtp, started);
        counters.forwarded(started);
    }

    /**
     * Whether a microphone packet of level {@code levelOctet} is left out for every subscriber:
     * silence past its hangover ({@link SilentAudioFilter}) on a track with at least
     * {@code cpaas.worker.skip-silent-audio-from-subscribers} subscribers. Receive thread only.
     */
    boolean isSkippedSilence(UpTrack up, int levelOctet) {
        boolean silent = up.silence().isSkippable(levelOctet);
        return silent && skipSilentAudioFrom > 0 && up.downTracks().size() >= skipSilentAudioFrom;
    }

    /**
     * Sends the packet that {@code packet} wraps to each subscriber of {@code up}, or with
     * {@code leaveOut} tells each one it was left out, and hands the copies to the kernel before it
     * returns (in as few system calls as {@link UdpTransport} batches). Receive thread only.
     */
    void fanOut(UpTrack up, UpLayer layer, boolean keyframe, boolean leaveOut, RtpPacket packet, long started) {
        byte[] buf = packet.buffer();
        int off = packet.offset();
        int len = packet.length();
        for (DownTrack down : up.downTracks()) {
            if (leaveOut) {
                if (down.skip(packet)) {
                    counters.silenceSkipped.increment();
                }
            } else if (down.forward(layer, keyframe, buf, off, len, started)) {
                counters.rtpOut.increment();
                counters.rtpOutBytes.add(len);
            }
        }
        transport.flush();
    }

    @Override
    public void rtcp(PeerConnection connection, byte[] buf, int off, int len) {
        ParticipantMedia media = owners.get(connection);
        if (media == null) {
            return;
        }
        counters.rtcpIn.increment();
        if (connection.role() == PeerConnection.Role.PUBLISH) {
            publisherRtcp(media, buf, off, len);
            return;
        }
        rtcp.wrap(buf, off, len);
        while (rtcp.next()) {
            int at = rtcp.offset();
            int length = rtcp.length();
            int type = rtcp.packetType();
            int format = rtcp.countOrFormat();
            if (type == RtcpHeader.PSFB && (format == RtcpHeader.FMT_PLI || format == RtcpHeader.FMT_FIR)) {
                long mediaSsrc = format == RtcpHeader.FMT_PLI
                        ? FeedbackPacket.mediaSsrc(buf, at) & 0xFFFFFFFFL
                        : Fir.entrySsrc(buf, at, 0) & 0xFFFFFFFFL;
                DownTrack down = media.downTrack(mediaSsrc);
                if (down != null) {
                    requestKeyframe(down.source());
                }
            } else if (type == RtcpHeader.RTPFB && format == RtcpHeader.FMT_TRANSPORT_CC) {
                if (transportCcFeedback.decode(buf, at, length)) {
                    counters.transportCcFeedbackReceived.increment();
                    media.downlink().onFeedback(transportCcFeedback, System.nanoTime());
                }
            } else if (type == RtcpHeader.RR || type == RtcpHeader.SR) {
                SubscriberReports.read(media, buf, at, length, System.nanoTime());
            } else if (type == RtcpHeader.RTPFB && format == RtcpHeader.FMT_NACK) {
                counters.nacksReceived.increment();
                DownTrack down = media.downTrack(FeedbackPacket.mediaSsrc(buf, at) & 0xFFFFFFFFL);
                if (down != null) {
                    // At most 64 resends per NACK: one small packet must not turn into a flood.
                    int count = Math.min(64, Nack.lostSequenceNumbers(buf, at, length, nacked));
                    counters.retransmissions.add(down.retransmit(nacked, Math.max(0, count)));
                }
            }
        }
    }

    /** A publisher's sender reports: their NTP↔RTP mapping for our reports, their time for LSR/DLSR. */
    private void publisherRtcp(ParticipantMedia media, byte[] buf, int off, int len) {
        long now = System.nanoTime();
        rtcp.wrap(buf, off, len);
        while (rtcp.next()) {
            if (rtcp.packetType() == RtcpHeader.SR) {
                int at = rtcp.offset();
                int ssrc = SenderReport.senderSsrc(buf, at);
                UpTrack up = media.upTrack(ssrc & 0xFFFFFFFFL);
                UpLayer layer = up == null ? null : up.layer(ssrc);
                if (layer != null) {
                    long ntp = SenderReport.ntpTimestamp(buf, at);
                    layer.onSenderReport(ntp, SenderReport.rtpTimestamp(buf, at), now);
                    media.clock().onSenderReport(ntp, now);
                    counters.senderReportsReceived.increment();
                }
            }
        }
    }

    @Override
    public void failed(PeerConnection connection, String why) {
        LOG.debugf("%s connection %s failed: %s", connection.role(), connection.id(), why);
    }

    // ---- internals ----------------------------------------------------------------------------

    private PeerConnection open(PeerConnection.Role role, ParticipantMedia media) {
        PeerConnection connection = new PeerConnection(media.participant().sid() + "/" + role.name().toLowerCase(),
                role, certificate, transport, connections, dtlsExecutor, this);
        owners.put(connection, media);
        return connection;
    }

    private LocalTransport local(PeerConnection connection) {
        String[] fingerprint = certificate.fingerprint().split(" ", 2);
        return new LocalTransport(connection.localIce().ufrag(), connection.localIce().password(),
                new Fingerprint(fingerprint[0], fingerprint[1]), candidates);
    }

    private static void expectDtls(PeerConnection connection, java.util.Optional<RemoteTransport> remote) {
        Fingerprint fingerprint = remote.flatMap(r -> r.fingerprints().stream()
                        .filter(f -> f.algorithm().equalsIgnoreCase("sha-256")).findFirst())
                .orElseThrow(() -> new SignalError(SignalError.MEDIA_FAILED, "the SDP has no sha-256 DTLS fingerprint"));
        connection.expectDtls("sha-256 " + fingerprint.value().toUpperCase());
    }

    private UpTrack upTrack(ParticipantMedia media, NegotiatedMedia negotiated, TrackSource source) {
        // The direction is our answer's: recvonly (or sendrecv) means the client sends on it.
        if (negotiated.direction() != Direction.RECVONLY && negotiated.direction() != Direction.SENDRECV) {
            throw new SignalError(SignalError.MEDIA_FAILED, "m-section " + negotiated.mid() + " does not send");
        }
        PayloadType codec = negotiated.codecs().stream().findFirst()
                .orElseThrow(() -> new SignalError(SignalError.MEDIA_FAILED, "no codec we forward in m-section " + negotiated.mid()));
        List<String> rids = negotiated.kind() == MediaKind.VIDEO ? SimulcastRids.lowestFirst(negotiated.rids()) : List.of();
        long ssrc = rids.isEmpty() ? primarySsrc(negotiated) : 0;
        PublishedTrack track = new PublishedTrack("TR_" + randomHex(6), negotiated.kind() == MediaKind.AUDIO ? "audio" : "video",
                source, negotiated.mid(), false);
        UpTrack up = new UpTrack(track, media, (int) ssrc, rids, codec.encodingName(), codec.clockRate(), codec.payloadType(), codec);
        if (upstreamNack && codec.rtcpFeedback().contains("nack")) {
            // The publisher resends what the worker NACKs: as RTX when it negotiated it, else as the packet itself.
            int rtxPayloadType = negotiated.rtxFor(codec.payloadType()).orElse(-1);
            up.repairLosses(rtxPayloadType);
            if (rids.isEmpty() && rtxPayloadType >= 0) {
                fidRepairSsrc(negotiated, ssrc).ifPresent(rtx -> up.layers()[0].learnRtxSsrc((int) rtx));
            }
        }
        return up;
    }

    /** The RTX SSRC of an {@code a=ssrc-group:FID primary rtx} (RFC 5576 §4, RFC 4588 §8.3) for {@code primary}. */
    private static OptionalLong fidRepairSsrc(NegotiatedMedia negotiated, long primary) {
        for (SsrcGroup group : negotiated.ssrcGroups()) {
            if (SsrcGroup.FID.equals(group.semantics()) && group.ssrcs().size() == 2 && group.ssrcs().get(0) == primary) {
                return OptionalLong.of(group.ssrcs().get(1));
            }
        }
        return OptionalLong.empty();
    }

    private static long primarySsrc(NegotiatedMedia negotiated) {
        for (SsrcGroup group : negotiated.ssrcGroups()) {
            if (SsrcGroup.FID.equals(group.semantics()) && !group.ssrcs().isEmpty()) {
                return group.ssrcs().get(0);
            }
        }
        return negotiated.ssrcs().stream().findFirst().map(s -> s.ssrc())
                .orElseThrow(() -> new SignalError(SignalError.MEDIA_FAILED,
                        "m-section " + negotiated.mid() + " announces no SSRC (simulcast without SSRCs is not supported yet)"));
    }

    private static Map<String, Integer> extensionIds(PublisherAnswer answer) {
        Map<String, Integer> ids = new java.util.HashMap<>();
        answer.media().stream().filter(NegotiatedMedia::accepted).forEach(m -> ids.putAll(m.extensionIds()));
        return ids;
    }

    private static byte[] extensionIdMap(Map<String, Integer> publisher, Map<String, Integer> subscriber) {
        byte[] map = new byte[256];
        // Transport-cc is mapped so that the element stays; each down track then writes its own sequence number in it.
        for (String uri : List.of(ABS_SEND_TIME, AUDIO_LEVEL, io.cpaas.sfu.sdp.RtpExtensions.TRANSPORT_CC)) {
            Integer from = publisher.get(uri);
            Integer to = subscriber.get(uri);
            if (from != null && to != null && from < 256 && to < 256) {
                map[from] = (byte) (int) to;
            }
        }
        return map;
    }

    void attach(UpTrack up, ParticipantMedia subscriber) {
        if (subscriber.downTrackOf(up.track().sid()) != null) {
            return;
        }
        OptionalInt payloadType = SubscriberCodecs.payloadTypeFor(up.codecDescription());
        if (payloadType.isEmpty()) {
            return;
        }
        int ssrc = unusedSsrc(subscriber, 0);
        int rtxSsrc = up.isVideo() ? unusedSsrc(subscriber, ssrc) : 0;
        DownTrack down = new DownTrack(up, subscriber, ssrc, rtxSsrc, payloadType.getAsInt(), lossPercent, counters, this::requestKeyframe);
        synchronized (subscriber) {
            down.paused(true); // until the subscriber's answer accepts its m-section
        }
        subscriber.addDownTrack(down);
        up.add(down);
    }

    /** A random SSRC none of the subscriber's tracks sends on (media or RTX), nor {@code taken}. */
    private static int unusedSsrc(ParticipantMedia subscriber, int taken) {
        while (true) {
            int ssrc = RANDOM.nextInt();
            if (ssrc != 0 && ssrc != WORKER_SSRC && ssrc != taken && subscriber.downTrack(ssrc & 0xFFFFFFFFL) == null
                    && subscriber.downTracks().stream().noneMatch(d -> d.rtxSsrc() == ssrc)) {
                return ssrc;
            }
        }
    }

    private void unpublish(Room room, ParticipantMedia publisher, UpTrack up, boolean forgetTrack) {
        publisher.removeUpTrack(up.track().sid());
        if (forgetTrack) {
            publisher.participant().removeTrack(up.track().sid());
            journal.trackUnpublished(room, publisher.participant(), up.track());
        }
        for (DownTrack down : List.copyOf(up.downTracks())) {
            up.remove(down);
            ParticipantMedia subscriber = down.subscriber();
            subscriber.removeDownTrack(up.track().sid());
            renegotiate(subscriber);
        }
    }

    /** Sends the subscriber an offer with exactly its current tracks, or queues one behind the pending answer. */
    void renegotiate(ParticipantMedia media) {
        synchronized (media) {
            if (media.awaitingAnswer) {
                media.renegotiateAfterAnswer = true;
                return;
            }
            List<ForwardedTrack> tracks = new ArrayList<>();
            for (DownTrack down : media.downTracks()) {
                UpTrack up = down.source();
                // Video announces its RTX SSRC in an FID group, so RTX repairs can be matched to it.
                OptionalLong rtxSsrc = down.rtxSsrc() == 0 ? OptionalLong.empty() : OptionalLong.of(down.rtxSsrc() & 0xFFFFFFFFL);
                tracks.add(new ForwardedTrack(up.track().sid(), up.publisher().participant().sid(),
                        up.isVideo() ? MediaKind.VIDEO : MediaKind.AUDIO, down.outgoingSsrc() & 0xFFFFFFFFL, rtxSsrc,
                        up.publisher().participant().sid()));
            }
            if (media.lastOffer == null && tracks.isEmpty()) {
                return; // nothing to receive yet: no subscribe connection until there is
            }
            if (media.subscribeConnection() == null) {
                PeerConnection connection = open(PeerConnection.Role.SUBSCRIBE, media);
                media.subscribeConnection(connection);
                media.offerBuilder = new SubscriberOfferBuilder(local(connection), RANDOM.nextLong() & Long.MAX_VALUE);
            }
            SubscriberOffer offer = media.lastOffer == null
                    ? media.offerBuilder.initialOffer(tracks)
                    : media.offerBuilder.nextOffer(media.lastOffer, tracks);
            media.lastOffer = offer;
            media.awaitingAnswer = true;
            ObjectNode message = json.createObjectNode().put("type", "subscribeOffer").put("sdp", offer.sdp());
            ArrayNode described = message.putArray("tracks");
            for (DownTrack down : media.downTracks()) {
                String mid = offer.midOf(down.source().track().sid()).orElse(null);
                down.mid(mid);
                if (mid != null) {
                    described.addObject().put("mid", mid).put("trackSid", down.source().track().sid())
                            .put("participantSid", down.source().publisher().participant().sid());
                }
            }
            media.participant().channel().send(message);
        }
    }

    private void requestKeyframes(ParticipantMedia subscriber) {
        for (DownTrack down : subscriber.downTracks()) {
            if (down.source().isVideo() && !down.paused()) {
                requestKeyframe(down.source());
            }
        }
    }

    /** A keyframe of every layer of the track (a subscriber starts or resumes it, a server unmute). */
    void requestKeyframe(UpTrack up) {
        java.util.function.LongConsumer relayed = up.publisher().relayKeyframes();
        if (relayed != null) {
            // A track relayed from another worker: the keyframe comes from its publisher there.
            if (!up.isVideo()) {
                return;
            }
            UpLayer layer = up.layers()[0];
            if (layer.mayRequestKeyframe()) {
                relayed.accept(up.ssrc() & 0xFFFFFFFFL);
                counters.keyframeRequests.increment();
            } else {
                deferKeyframeRequest(layer, () -> requestKeyframe(up));
            }
            return;
        }
        for (UpLayer layer : up.layers()) {
            requestKeyframe(up, layer);
        }
    }

    /**
     * A PLI for one layer, at most one per layer per 300 ms: one asked for sooner is sent once that is over
     * ({@link UpLayer#deferKeyframeRequest}); nothing for a layer whose SSRC is not known yet.
     */
    private void requestKeyframe(UpTrack up, UpLayer layer) {
        PeerConnection connection = up.publisher().publishConnection();
        if (!up.isVideo() || connection == null || !connection.isConnected() || !layer.ssrcKnown()) {
            return;
        }
        if (!layer.mayRequestKeyframe()) {
            deferKeyframeRequest(layer, () -> requestKeyframe(up, layer));
            return;
        }
        byte[] packet = new byte[Pli.LENGTH];
        int length = Pli.write(packet, 0, WORKER_SSRC, layer.ssrc());
        connection.sendRtcp(packet, 0, length);
        counters.keyframeRequests.increment();
    }

    /** Makes a refused keyframe request again when the layer's interval allows, unless one is waiting already. */
    private void deferKeyframeRequest(UpLayer layer, Runnable request) {
        long wait = layer.deferKeyframeRequest();
        if (wait < 0) {
            return;
        }
        try {
            timer.schedule(() -> {
                layer.deferredKeyframeRequestDue();
                request.run();
            }, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            layer.deferredKeyframeRequestDue(); // the router is closing: no one waits for that keyframe
        }
    }

    /**
     * REMB towards publishers and dropping connections gone silent. The REMB is a fixed cap, not an
     * estimate: with transport-cc (see {@link PublisherFeedback}) Chromium estimates by itself and only
     * bounds its estimate by it; without transport-cc it is all a publisher gets.
     */
    private void everySecond() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<PeerConnection, ParticipantMedia> entry : owners.entrySet()) {
                PeerConnection connection = entry.getKey();
                if (connection.isConnected() && now - connection.lastHeardNanos() > SILENCE_LIMIT_NANOS) {
                    LOG.debugf("%s went silent; closing it", connection.id());
                    connection.close();
                    continue;
                }
                if (connection.role() == PeerConnection.Role.PUBLISH && connection.isConnected()) {
                    int[] ssrcs = entry.getValue().upTracks().stream().filter(UpTrack::isVideo)
                            .flatMap(up -> java.util.Arrays.stream(up.layers())).filter(UpLayer::ssrcKnown).mapToInt(UpLayer::ssrc).toArray();
                    if (ssrcs.length > 0) {
                        byte[] packet = new byte[Remb.length(ssrcs.length)];
                        int length = Remb.write(packet, 0, WORKER_SSRC, REMB_BITRATE, ssrcs, ssrcs.length);
                        connection.sendRtcp(packet, 0, length);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "media timer failed");
        }
    }

    /**
     * Every 250 ms: recounts how the subscribers' estimates are shared between their tracks, and
     * applies dynacast to simulcast tracks (see {@link #dynacast}).
     */
    private void shareAndDynacast() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<PeerConnection, ParticipantMedia> entry : owners.entrySet()) {
                ParticipantMedia media = entry.getValue();
                if (entry.getKey().role() == PeerConnection.Role.SUBSCRIBE) {
                    int videos = 0;
                    long audio = 0;
                    for (DownTrack down : media.downTracks()) {
                        if (down.paused()) {
                            continue;
                        }
                        if (down.source().isVideo()) {
                            videos++;
                        } else {
                            audio += down.source().layers()[0].bitrate();
                        }
                    }
                    media.shareDownlink(videos, audio);
                } else {
                    for (UpTrack up : media.upTracks()) {
                        if (up.simulcast()) {
                            dynacast(up, now);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "downlink sharing or dynacast failed");
        }
    }

    /**
     * Dynacast: layers above the highest one any subscriber of the track wants (its
     * {@link DownTrack#wantedLayer}) are paused at the publisher after {@link #PAUSE_UNNEEDED_AFTER_NANOS},
     * and resumed as soon as one is wanted again, with a {@code publishLayers} frame the SDK answers
     * by setting {@code active} on its encodings. The lowest layer is never paused: it is cheap, and
     * a new subscriber gets a picture without waiting for the publisher.
     */
    private void dynacast(UpTrack up, long now) {
        int needed = 0;
        for (DownTrack down : up.downTracks()) {
            if (!down.paused()) {
                needed = Math.max(needed, down.wantedLayer());
            }
        }
        boolean changed = false;
        for (UpLayer layer : up.layers()) {
            if (layer.index() <= needed) {
                layer.unneededSinceNanos = Long.MIN_VALUE;
                if (layer.pausedAtPublisher) {
                    layer.pausedAtPublisher = false;
                    counters.layersResumed.increment();
                    changed = true;
                }
            } else if (!layer.pausedAtPublisher) {
                if (layer.unneededSinceNanos == Long.MIN_VALUE) {
                    layer.unneededSinceNanos = now;
                } else if (now - layer.unneededSinceNanos >= PAUSE_UNNEEDED_AFTER_NANOS) {
                    layer.pausedAtPublisher = true;
                    counters.layersPaused.increment();
                    changed = true;
                }
            }
        }
        if (changed) {
            ObjectNode message = json.createObjectNode().put("type", "publishLayers").put("trackSid", up.track().sid());
            ArrayNode layers = message.putArray("layers");
            for (UpLayer layer : up.layers()) {
                layers.addObject().put("rid", layer.rid()).put("active", !layer.pausedAtPublisher);
            }
            up.publisher().participant().channel().send(message);
        }
    }

    /** The downlink estimate of a participant as a subscriber, bits per second; for tests and diagnostics. */
    public long downlinkEstimate(Participant participant) {
        ParticipantMedia media = participant.media();
        return media == null ? 0 : media.downlink().estimate();
    }

    /** The simulcast layer a participant receives of a track (0 lowest), -1 for none or without simulcast. */
    public int forwardedLayer(Participant participant, String trackSid) {
        ParticipantMedia media = participant.media();
        DownTrack down = media == null ? null : media.downTrackOf(trackSid);
        return down == null ? -1 : down.currentLayer();
    }

    private ObjectNode describe(PublishedTrack track) {
        return json.createObjectNode().put("sid", track.sid()).put("kind", track.kind())
                .put("source", track.source().wireName()).put("muted", track.muted());
    }

    private static MediaKind sourceKind(TrackSource source) {
        return source == TrackSource.CAMERA || source == TrackSource.SCREEN ? MediaKind.VIDEO : MediaKind.AUDIO;
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
