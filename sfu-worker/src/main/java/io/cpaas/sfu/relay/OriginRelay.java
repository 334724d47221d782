package io.cpaas.sfu.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.sfu.config.WorkerConfig;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.media.RelayOutlet;
import io.cpaas.sfu.media.RelayedMedia;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.rtcp.FeedbackPacket;
import io.cpaas.sfu.rtcp.RtcpCompoundIterator;
import io.cpaas.sfu.rtcp.RtcpHeader;
import io.cpaas.sfu.signal.ParticipantFrames;
import io.cpaas.sfu.signal.SignalChannel;
import io.cpaas.sfu.transport.UdpTransport;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The origin side of the broadcast relay: edges open a relay WebSocket per room
 * ({@link OriginRelayEndpoint}); each gets a session key and a tap in the room ({@link EdgeLink}),
 * the room's packets once per edge over UDP, and its viewers mirrored into the room. Keyframe
 * requests and hellos come back as sealed datagrams.
 */
@ApplicationScoped
public class OriginRelay implements RelayOutlet {

    private static final Logger LOG = Logger.getLogger(OriginRelay.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NAME = 128;
    /** A tap may publish nothing, receive nothing, and is never announced. */
    private static final RoomGrants TAP_GRANTS = new RoomGrants(false, false, false, Set.of(), true, false);
    /** A mirrored viewer is announced to the room but receives nothing here: its edge sends it media. */
    private static final RoomGrants VIEWER_GRANTS = new RoomGrants(false, false, false, Set.of(), false, false);
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
    private final String udpAddress;
    private final RelayFrames frames;
    private final ParticipantFrames participantFrames;
    private final RelayCounters counters;
    private final Map<String, EdgeLink> byConnection = new ConcurrentHashMap<>();
    private final Map<Integer, EdgeLink> byRelayId = new ConcurrentHashMap<>();
    private final Map<Room, List<EdgeLink>> byRoom = new ConcurrentHashMap<>();
    /** Receive thread only. */
    private final byte[] opened = new byte[UdpTransport.MAX_DATAGRAM];
    private final RtcpCompoundIterator rtcp = new RtcpCompoundIterator();

    public OriginRelay(ObjectMapper json, RoomRegistry rooms, RelayedMedia media, MediaRouter router, WorkerConfig config,
                       RelayCounters counters) {
        this.json = json;
        this.rooms = rooms;
        this.media = media;
        this.transport = router.transport();
        this.udpAddress = config.udp().announcedAddresses().get(0);
        this.frames = new RelayFrames(json);
        this.participantFrames = new ParticipantFrames(json);
        this.counters = counters;
    }

    int links() {
        return byConnection.size();
    }

    // ---- control channel ----------------------------------------------------------------------

    /** A frame from an edge. The first must be its hello; anything malformed closes the link. */
    void onFrame(WebSocketConnection connection, String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (Exception e) {
            connection.close().subscribe().with(ignored -> { }, failure -> { });
            return;
        }
        EdgeLink link = byConnection.get(connection.id());
        String type = frame.path("type").asText();
        if (link == null) {
            if (type.equals("hello")) {
                hello(connection, frame);
            } else {
                connection.close().subscribe().with(ignored -> { }, failure -> { });
            }
            return;
        }
        Room room = link.room();
        switch (type) {
            case "viewerJoined" -> viewerJoined(link, room, frame.path("participant"));
            case "viewerLeft" -> viewerLeft(link, room, frame.path("sid").asText());
            default -> LOG.debugf("unknown relay frame %s from edge %s", type, link.edgeId());
        }
    }

    private void hello(WebSocketConnection connection, JsonNode frame) {
        String tenantId = frame.path("tenantId").asText("");
        String roomName = frame.path("room").asText("");
        String edgeId = frame.path("edgeId").asText("");
        if (!valid(tenantId) || !valid(roomName) || !valid(edgeId)) {
            connection.close().subscribe().with(ignored -> { }, failure -> { });
            return;
        }
        byte[] key = new byte[RelayCipher.KEY_LENGTH];
        RANDOM.nextBytes(key);
        int relayId;
        do {
            relayId = RANDOM.nextInt();
        } while (relayId == 0 || byRelayId.containsKey(relayId));
        // Frames may reach the tap before the link knows its room object: find it by name then.
        EdgeLink link = new EdgeLink(connection, json, edgeId, RelayCipher.forOrigin(relayId, key),
                (known, sent) -> enrich(known != null ? known : rooms.find(tenantId, roomName).orElse(null), sent));
        Participant tap = new Participant("RL_" + Integer.toHexString(relayId), "relay:" + edgeId, null, null, TAP_GRANTS, link, true);
        byConnection.put(connection.id(), link);
        byRelayId.put(relayId, link);
        link.sendRaw(frames.message("welcome").put("relayId", relayId).put("key", Base64.getEncoder().encodeToString(key))
                .put("udpAddress", udpAddress));
        Room room = rooms.joinRelayed(tenantId, roomName, tap);
        synchronized (room) {
            // Under the room's lock: what the snapshot leaves out reaches the tap as frames after it.
            link.joined(tap, room);
            byRoom.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(link);
            for (Participant participant : room.participants()) {
                if (participant != tap && participant.announcedTo(tap) && !link.viewers.containsKey(participant.sid())
                        && !(participant.channel() instanceof EdgeLink)) {
                    ObjectNode joined = frames.message("participantJoined");
                    joined.set("participant", participantFrames.participant(participant));
                    link.sendRaw(enrich(room, joined));
                }
            }
        }
        LOG.infof("edge %s relays room %s (relay %08x)", edgeId, roomName, relayId);
    }

    private void viewerJoined(EdgeLink link, Room room, JsonNode described) {
        String sid = described.path("sid").asText("");
        String identity = described.path("identity").asText("");
        if (!valid(sid) || !valid(identity) || link.viewers.containsKey(sid)) {
            return;
        }
        Participant mirror = new Participant(sid, identity, text(described, "name"), text(described, "metadata"),
                VIEWER_GRANTS, SILENT, true);
        link.viewers.put(sid, mirror);
        Room joined = rooms.joinRelayed(room.tenantId(), room.name(), mirror);
        ObjectNode announcement = participantFrames.message("participantJoined");
        announcement.set("participant", participantFrames.participant(mirror));
        joined.announce(announcement, mirror);
    }

    private void viewerLeft(EdgeLink link, Room room, String sid) {
        Participant mirror = link.viewers.remove(sid);
        if (mirror != null) {
            rooms.leave(room, mirror, "relay");
        }
    }

    /** The edge's WebSocket closed: its viewers and its tap leave the room. */
    void closed(WebSocketConnection connection) {
        EdgeLink link = byConnection.remove(connection.id());
        if (link == null) {
            return;
        }
        byRelayId.remove(link.cipher().relayId(), link);
        Room room = link.room();
        if (room == null) {
            return;
        }
        List<EdgeLink> links = byRoom.get(room);
        if (links != null) {
            links.remove(link);
            byRoom.remove(room, List.of());
        }
        for (String sid : List.copyOf(link.viewers.keySet())) {
            viewerLeft(link, room, sid);
        }
        rooms.leave(room, link.tap(), "relay");
        LOG.infof("edge %s stopped relaying room %s", link.edgeId(), room.name());
    }

    /** Tracks in frames towards edges carry what the edge needs to forward them. */
    private ObjectNode enrich(Room room, ObjectNode frame) {
        String type = frame.path("type").asText();
        if (room == null || !(type.equals("trackPublished") || type.equals("participantJoined"))) {
            return frame;
        }
        ObjectNode copy = frame.deepCopy(); // the room sends the same frame object to everyone
        if (type.equals("trackPublished") && copy.path("track").isObject()) {
            describeTrack(room, copy.path("participantSid").asText(), (ObjectNode) copy.get("track"));
        } else if (copy.path("participant").path("tracks").isArray()) {
            String sid = copy.path("participant").path("sid").asText();
            copy.get("participant").get("tracks").forEach(t -> describeTrack(room, sid, (ObjectNode) t));
        }
        return copy;
    }

    private void describeTrack(Room room, String participantSid, ObjectNode track) {
        for (Participant participant : room.participants()) {
            if (participant.sid().equals(participantSid)) {
                media.describe(participant, track.path("sid").asText()).ifPresent(relayed -> frames.describeRelay(track, relayed));
                return;
            }
        }
    }

    // ---- media --------------------------------------------------------------------------------

    /** Each forwardable packet of a relayed room, once per edge. Receive thread only. */
    @Override
    public void forward(Room room, byte[] buf, int off, int len) {
        List<EdgeLink> links = byRoom.get(room);
        if (links == null) {
            return;
        }
        for (EdgeLink link : links) {
            InetSocketAddress target = link.mediaTarget();
            if (target == null || len + RelayCipher.OVERHEAD > link.sealed.length) {
                counters.mediaNotSent();
                continue;
            }
            int sealedLength = link.cipher().seal(RelayCipher.MEDIA, buf, off, len, link.sealed);
            transport.send(target, link.sealed, 0, sealedLength);
            counters.mediaSent(sealedLength);
        }
    }

    /** A datagram from an edge (hello or feedback). Receive thread only. */
    void onDatagram(byte[] buf, int len, InetSocketAddress source) {
        EdgeLink link = byRelayId.get(RelayCipher.relayIdOf(buf, len));
        int length = link == null ? -1 : link.cipher().open(buf, len, opened);
        if (length < 0) {
            counters.datagramRefused();
            return;
        }
        if (!source.equals(link.mediaTarget())) {
            link.mediaTarget(source); // the edge's address as this worker sees it (NAT included)
        }
        if (RelayCipher.typeOf(buf) == RelayCipher.FEEDBACK && link.room() != null) {
            rtcp.wrap(opened, 0, length);
            while (rtcp.next()) {
                int format = rtcp.countOrFormat();
                if (rtcp.packetType() == RtcpHeader.PSFB && (format == RtcpHeader.FMT_PLI || format == RtcpHeader.FMT_FIR)
                        && rtcp.length() >= FeedbackPacket.FCI_START) {
                    counters.keyframeRequestReceived();
                    media.keyframeRequested(link.room(), FeedbackPacket.mediaSsrc(opened, rtcp.offset()) & 0xFFFFFFFFL);
                }
            }
        }
    }

    private static boolean valid(String value) {
        return !value.isEmpty() && value.length() <= MAX_NAME;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && value.asText().length() <= 4096 ? value.asText() : null;
    }
}
