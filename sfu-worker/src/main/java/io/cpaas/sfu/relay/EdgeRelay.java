package io.cpaas.sfu.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.TrackSource;
import io.cpaas.rest.auth.ClusterSecretGuard;
import io.cpaas.sfu.config.WorkerConfig;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.media.RelayedMedia;
import io.cpaas.sfu.media.RelayedTrack;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.rtcp.Pli;
import io.cpaas.sfu.signal.ParticipantFrames;
import io.cpaas.sfu.signal.SignalChannel;
import io.cpaas.sfu.transport.UdpTransport;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The edge side of the broadcast relay. room-service asks it to relay a room from its origin
 * ({@link RelayControlResource}) before sending a viewer here; it opens the relay WebSocket to the
 * origin, mirrors the origin's participants and tracks into the local room (so that viewers get
 * them as ordinary remote tracks), forwards the relayed media to them, tells the origin who its
 * viewers are, and sends their keyframe requests back. A relay with no viewer for 30 s is closed;
 * a relay the origin closes sends the viewers back to room-service (4005), or away (4002) when the
 * room was ended.
 */
@ApplicationScoped
public class EdgeRelay implements RoomRegistry.RoomListener {

    private static final Logger LOG = Logger.getLogger(EdgeRelay.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Mirrors of the origin's participants publish there; here they only appear. */
    private static final RoomGrants MIRROR_GRANTS = new RoomGrants(true, false, false, EnumSet.allOf(TrackSource.class), false, false);
    private static final SignalChannel SILENT = new SignalChannel() {
        @Override
        public void send(ObjectNode message) {
        }

        @Override
        public void close(int code, String reason) {
        }
    };

    private final ObjectMapper json;
    private final RoomRegistry rooms;
    private final RelayedMedia media;
    private final UdpTransport transport;
    private final WorkerConfig config;
    private final RelayCounters counters;
    private final ParticipantFrames frames;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Map<String, OriginLink> links = new ConcurrentHashMap<>();
    private final Map<Integer, OriginLink> byRelayId = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "relay-timer");
        thread.setDaemon(true);
        return thread;
    });

    public EdgeRelay(ObjectMapper json, RoomRegistry rooms, RelayedMedia media, MediaRouter router, WorkerConfig config,
                     RelayCounters counters) {
        this.json = json;
        this.rooms = rooms;
        this.media = media;
        this.transport = router.transport();
        this.config = config;
        this.counters = counters;
        this.frames = new ParticipantFrames(json);
        rooms.listen(this);
        timer.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        links.values().forEach(OriginLink::close);
    }

    int links() {
        return links.size();
    }

    /**
     * Relays the room from the origin at {@code originControlUrl} unless it is relayed already;
     * returns once the origin accepted the relay. Throws {@link RelayUnavailableException} when it
     * cannot be reached in time.
     */
    public void ensure(String tenantId, String room, String originId, String originControlUrl) {
        OriginLink link = link(tenantId, room, originId, originControlUrl);
        try {
            link.welcomed.get(CONNECT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayUnavailableException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayUnavailableException("the origin " + originId + " cannot be reached for room " + room
                    + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }

    private OriginLink link(String tenantId, String room, String originId, String originControlUrl) {
        String key = tenantId + "/" + room;
        OriginLink created;
        OriginLink replaced = null;
        synchronized (links) {
            OriginLink existing = links.get(key);
            if (existing != null && !existing.isClosed() && existing.originId.equals(originId)) {
                return existing;
            }
            if (existing != null) {
                links.remove(key, existing);
                replaced = existing; // the room moved to another origin
            }
            created = new OriginLink(tenantId, room, originId, json, this);
            links.put(key, created);
        }
        if (replaced != null) {
            replaced.close();
        }
        URI uri = URI.create(originControlUrl.replaceAll("/+$", "").replaceFirst("^http", "ws") + "/internal/v1/relay");
        http.newWebSocketBuilder().header(ClusterSecretGuard.HEADER, config.clusterSecret()).connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(uri, created)
                .thenAccept(ws -> {
                    created.opened(ws);
                    created.send(json.createObjectNode().put("type", "hello").put("tenantId", tenantId)
                        .put("room", room).put("edgeId", config.id()));
                })
                .exceptionally(failure -> {
                    created.failed(failure);
                    return null;
                });
        return created;
    }

    // ---- frames from the origin ---------------------------------------------------------------

    void onFrame(OriginLink link, ObjectNode frame) {
        String type = frame.path("type").asText();
        if (type.equals("welcome")) {
            welcome(link, frame);
            return;
        }
        if (!link.welcomed.isDone()) {
            return;
        }
        switch (type) {
            case "participantJoined" -> participantJoined(link, frame);
            case "participantLeft" -> participantLeft(link, frame.path("sid").asText());
            case "participantUpdated" -> {
                Participant mirror = link.mirrors.get(frame.path("participant").path("sid").asText());
                if (mirror != null) {
                    mirror.update(text(frame.path("participant"), "name"), text(frame.path("participant"), "metadata"), null);
                    toViewers(link, frame, mirror);
                }
            }
            case "trackPublished" -> {
                Participant mirror = link.mirrors.get(frame.path("participantSid").asText());
                if (mirror != null && mirror.track(frame.path("track").path("sid").asText()) == null) {
                    toViewers(link, frame, mirror);
                    publish(link, mirror, frame.path("track"));
                }
            }
            case "trackUnpublished" -> {
                Participant mirror = link.mirrors.get(frame.path("participantSid").asText());
                String trackSid = frame.path("trackSid").asText();
                if (mirror != null && mirror.track(trackSid) != null) {
                    unpublish(link, mirror, trackSid);
                    toViewers(link, frame, mirror);
                }
            }
            case "trackMuted" -> {
                Participant mirror = link.mirrors.get(frame.path("participantSid").asText());
                if (mirror != null) {
                    boolean muted = frame.path("muted").asBoolean();
                    boolean serverMuted = frame.path("serverMuted").asBoolean(false);
                    mirror.updateTrack(frame.path("trackSid").asText(), t -> new PublishedTrack(t.sid(), t.kind(), t.source(),
                            t.mid(), muted && !serverMuted, serverMuted));
                    toViewers(link, frame, mirror);
                }
            }
            case "data" -> toViewers(link, frame, null);
            default -> LOG.debugf("relay frame %s from origin %s not relayed to viewers", type, link.originId);
        }
    }

    private void welcome(OriginLink link, JsonNode frame) {
        int relayId = frame.path("relayId").asInt();
        try {
            InetSocketAddress origin = address(frame.path("udpAddress").asText());
            RelayCipher cipher = RelayCipher.forEdge(relayId, OriginLink.key(frame.path("key").asText()));
            if (relayId == 0 || byRelayId.putIfAbsent(relayId, link) != null) {
                throw new IllegalArgumentException("relay id " + relayId + " is taken");
            }
            link.welcome(cipher, origin);
        } catch (IllegalArgumentException e) {
            link.welcomed.completeExceptionally(e);
            link.close();
            return;
        }
        hello(link);
        link.welcomed.complete(null);
        rooms.find(link.tenantId, link.room).ifPresent(room -> room.participants().stream()
                .filter(p -> !p.relayed()).forEach(p -> viewerJoined(link, p)));
        LOG.infof("relaying room %s from origin %s", link.room, link.originId);
    }

    private void participantJoined(OriginLink link, ObjectNode frame) {
        JsonNode described = frame.path("participant");
        String sid = described.path("sid").asText("");
        String identity = described.path("identity").asText("");
        if (sid.isEmpty() || sid.length() > 128 || identity.isEmpty() || identity.length() > 128) {
            return;
        }
        Participant mirror = link.mirrors.get(sid);
        if (mirror == null) {
            mirror = new Participant(sid, identity, text(described, "name"), text(described, "metadata"), MIRROR_GRANTS, SILENT, true);
            link.mirrors.put(sid, mirror);
            rooms.joinRelayed(link.tenantId, link.room, mirror);
            media.keyframeSink(mirror, ssrc -> keyframeRequest(link, ssrc));
            toViewers(link, frame, mirror);
            for (JsonNode track : described.path("tracks")) {
                publish(link, mirror, track);
            }
            return;
        }
        // Already mirrored (the snapshot and the announcement crossed): only what is new.
        for (JsonNode track : described.path("tracks")) {
            if (mirror.track(track.path("sid").asText()) == null) {
                ObjectNode published = frames.message("trackPublished").put("participantSid", sid);
                published.set("track", track.deepCopy());
                toViewers(link, published, mirror);
                publish(link, mirror, track);
            }
        }
    }

    private void participantLeft(OriginLink link, String sid) {
        Participant mirror = link.mirrors.remove(sid);
        if (mirror == null) {
            return;
        }
        mirror.tracks().forEach(t -> forgetSsrc(link, t.sid()));
        rooms.find(link.tenantId, link.room).ifPresent(room -> rooms.leave(room, mirror, "relay"));
    }

    private void publish(OriginLink link, Participant mirror, JsonNode described) {
        Optional<PublishedTrack> track = RelayFrames.trackOf(described);
        Optional<RelayedTrack> relayed = RelayFrames.relayOf(described);
        Optional<Room> room = rooms.find(link.tenantId, link.room);
        if (track.isEmpty() || room.isEmpty()) {
            return;
        }
        if (relayed.isEmpty()) {
            mirror.putTrack(track.get()); // announced, but nothing to forward (a codec the origin could not describe)
            return;
        }
        link.bySsrc.put(relayed.get().ssrc(), mirror);
        link.ssrcOfTrack.put(track.get().sid(), relayed.get().ssrc());
        media.publish(room.get(), mirror, track.get(), relayed.get());
    }

    private void unpublish(OriginLink link, Participant mirror, String trackSid) {
        forgetSsrc(link, trackSid);
        rooms.find(link.tenantId, link.room).ifPresent(room -> media.unpublish(room, mirror, trackSid));
        mirror.removeTrack(trackSid);
    }

    private static void forgetSsrc(OriginLink link, String trackSid) {
        Long ssrc = link.ssrcOfTrack.remove(trackSid);
        if (ssrc != null) {
            link.bySsrc.remove(ssrc);
        }
    }

    /** A frame of the origin's room, as the local participants get it (without the relay's additions). */
    private void toViewers(OriginLink link, ObjectNode frame, Participant except) {
        rooms.find(link.tenantId, link.room).ifPresent(room -> room.broadcast(RelayFrames.withoutRelay(frame), except));
    }

    /** The relay closed: mirrors go (their departure is announced); if the origin ended it, the viewers go too. */
    void linkLost(OriginLink link, boolean onPurpose, int code) {
        links.remove(link.tenantId + "/" + link.room, link);
        RelayCipher cipher = link.cipher();
        if (cipher != null) {
            byRelayId.remove(cipher.relayId(), link);
        }
        for (String sid : List.copyOf(link.mirrors.keySet())) {
            participantLeft(link, sid);
        }
        if (!onPurpose && cipher != null) {
            LOG.infof("the relay of room %s from origin %s closed (%d): its viewers here join again", link.room, link.originId, code);
            rooms.find(link.tenantId, link.room).ifPresent(room -> {
                for (Participant participant : List.copyOf(room.participants())) {
                    if (participant.relayed()) {
                        continue;
                    }
                    if (code == 4002) {
                        participant.channel().send(frames.message("removed").put("reason", "room_ended"));
                        rooms.leave(room, participant, "room_ended");
                        participant.channel().close(4002, "the room was ended");
                    } else {
                        rooms.leave(room, participant, "worker_released");
                        participant.channel().close(RoomRegistry.CLOSE_JOIN_AGAIN, "the broadcast's origin went away");
                    }
                }
            });
        }
    }

    // ---- local viewers ------------------------------------------------------------------------

    @Override
    public void joined(Room room, Participant participant) {
        OriginLink link = links.get(room.tenantId() + "/" + room.name());
        if (link != null && !participant.relayed() && link.isOpen()) {
            viewerJoined(link, participant);
        }
    }

    @Override
    public void left(Room room, Participant participant) {
        OriginLink link = links.get(room.tenantId() + "/" + room.name());
        if (link != null && !participant.relayed() && !participant.hidden() && link.isOpen()) {
            link.send(frames.message("viewerLeft").put("sid", participant.sid()));
        }
    }

    private void viewerJoined(OriginLink link, Participant participant) {
        if (participant.hidden()) {
            return; // hidden participants are never announced, here or there
        }
        ObjectNode described = json.createObjectNode().put("sid", participant.sid()).put("identity", participant.identity());
        if (participant.name() != null) {
            described.put("name", participant.name());
        }
        if (participant.metadata() != null) {
            described.put("metadata", participant.metadata());
        }
        ObjectNode frame = frames.message("viewerJoined");
        frame.set("participant", described);
        link.send(frame);
    }

    // ---- datagrams ----------------------------------------------------------------------------

    /** A media datagram from an origin. Receive thread only. */
    void onMedia(byte[] buf, int len) {
        OriginLink link = byRelayId.get(RelayCipher.relayIdOf(buf, len));
        RelayCipher cipher = link == null ? null : link.cipher();
        int length = cipher == null ? -1 : cipher.open(buf, len, link.opened);
        if (length < 12) {
            counters.datagramRefused();
            return;
        }
        byte[] rtp = link.opened;
        long ssrc = ((rtp[8] & 0xFFL) << 24) | ((rtp[9] & 0xFFL) << 16) | ((rtp[10] & 0xFFL) << 8) | (rtp[11] & 0xFFL);
        Participant mirror = link.bySsrc.get(ssrc);
        if (mirror != null && media.forward(mirror, rtp, 0, length)) {
            counters.mediaForwarded();
        } else {
            counters.mediaOfUnknownTrack();
        }
    }

    private void keyframeRequest(OriginLink link, long ssrc) {
        byte[] pli = new byte[Pli.LENGTH];
        int length = Pli.write(pli, 0, 1, (int) ssrc);
        if (sendSealed(link, RelayCipher.FEEDBACK, pli, length)) {
            counters.keyframeRequestSent();
        }
    }

    /** Tells the origin where to send (and that the relay is alive); every second. */
    private void hello(OriginLink link) {
        sendSealed(link, RelayCipher.HELLO, new byte[0], 0);
    }

    private boolean sendSealed(OriginLink link, byte type, byte[] payload, int length) {
        RelayCipher cipher = link.cipher();
        InetSocketAddress origin = link.originMedia();
        if (cipher == null || origin == null || link.isClosed()) {
            return false;
        }
        byte[] sealed = new byte[length + RelayCipher.OVERHEAD];
        int sealedLength = cipher.seal(type, payload, 0, length, sealed);
        transport.send(origin, sealed, 0, sealedLength);
        return true;
    }

    private void everySecond() {
        try {
            long now = System.nanoTime();
            for (OriginLink link : links.values()) {
                if (!link.isOpen()) {
                    continue;
                }
                hello(link);
                boolean viewers = rooms.find(link.tenantId, link.room)
                        .map(room -> room.participants().stream().anyMatch(p -> !p.relayed())).orElse(false);
                if (viewers) {
                    link.idleSince = 0;
                } else if (link.idleSince == 0) {
                    link.idleSince = now;
                } else if (now - link.idleSince > IDLE_LIMIT_NANOS) {
                    LOG.infof("no viewer of room %s here for %d s: closing its relay", link.room, TimeUnit.NANOSECONDS.toSeconds(IDLE_LIMIT_NANOS));
                    link.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "relay timer failed");
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && value.asText().length() <= 4096 ? value.asText() : null;
    }

    /** The origin cannot be reached or refused the relay. */
    public static final class RelayUnavailableException extends RuntimeException {
        RelayUnavailableException(String message) {
            super(message);
        }
    }
}
