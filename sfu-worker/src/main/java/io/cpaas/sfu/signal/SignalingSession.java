package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.InvalidTokenException;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.sfu.pool.SpentTickets;
import io.cpaas.sfu.pool.TicketVerifier;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The signaling protocol (docs/signaling.md) for one WebSocket connection: first a join with a
 * ticket, then offers and answers, mutes, subscriptions, data, leave. Every message is checked;
 * a bad one gets an error and changes nothing. Not thread-safe: one connection's messages arrive
 * one at a time.
 */
public final class SignalingSession {

    public static final int PROTOCOL = 1;
    /** A connection must join within this time. */
    public static final java.time.Duration JOIN_DEADLINE = java.time.Duration.ofSeconds(10);
    static final int MAX_DATA_LENGTH = 16 * 1024;
    static final int MAX_SDP_LENGTH = 128 * 1024;
    /** Data messages a participant may send: 50 per second on average, bursts of 100. */
    static final int DATA_PER_SECOND = 50;
    static final int DATA_BURST = 100;
    private double dataTokens = DATA_BURST;
    private long dataRefilledAt = System.nanoTime();

    private final ObjectMapper json;
    private final TicketVerifier tickets;
    private final SpentTickets spentTickets;
    private final RoomRegistry rooms;
    private final MediaSignaling media;
    private final SignalChannel channel;
    private final ParticipantFrames frames;
    private final PeerSignalRelay peerSignals;
    private Room room;
    private Participant participant;
    private long lastFrameAt = System.nanoTime();

    public SignalingSession(ObjectMapper json, TicketVerifier tickets, SpentTickets spentTickets, RoomRegistry rooms,
                            MediaSignaling media, SignalChannel channel) {
        this.json = json;
        this.tickets = tickets;
        this.spentTickets = spentTickets;
        this.rooms = rooms;
        this.media = media;
        this.channel = channel;
        this.frames = new ParticipantFrames(json);
        this.peerSignals = new PeerSignalRelay(json);
    }

    public synchronized void onMessage(String text) {
        lastFrameAt = System.nanoTime();
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            error(SignalError.BAD_MESSAGE, "not JSON");
            return;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            error(SignalError.BAD_MESSAGE, "a message is a JSON object with a string 'type'");
            return;
        }
        try {
            dispatch(message.get("type").asText(), message);
        } catch (SignalError e) {
            error(e.code(), e.getMessage());
        }
    }

    /** True once a ticket was accepted on this connection. */
    public synchronized boolean hasJoined() {
        return participant != null;
    }

    /** Closes a connection that never joined: it holds a socket and a session for nothing. */
    public synchronized void closeIfNotJoined() {
        if (participant == null) {
            channel.send(errorMessage(SignalError.NOT_JOINED, "no 'join' within " + JOIN_DEADLINE.toSeconds() + " s"));
            channel.close(4004, "no join in time");
        }
    }

    /**
     * Closes a joined connection that sent nothing (not even a ping) for {@code timeout}: its client is
     * gone or stuck, and the seat, the media state and the socket would otherwise stay taken.
     */
    public synchronized void closeIfSilent(java.time.Duration timeout) {
        if (participant != null && !participant.hasLeft() && System.nanoTime() - lastFrameAt > timeout.toNanos()) {
            channel.send(errorMessage(SignalError.BAD_MESSAGE, "nothing received for " + timeout.toSeconds()
                    + " s; send a ping at least every " + timeout.toSeconds() / 3 + " s"));
            onClose();
            channel.close(4006, "silent");
        }
    }

    /** The connection closed: the participant leaves its room. */
    public synchronized void onClose() {
        if (participant != null) {
            rooms.leave(room, participant, "disconnected");
            participant = null;
        }
    }

    private void dispatch(String type, JsonNode message) {
        if (type.equals("ping")) {
            ObjectNode pong = message("pong");
            if (message.has("ts")) {
                pong.set("ts", message.get("ts"));
            }
            channel.send(pong);
            return;
        }
        if (type.equals("join")) {
            join(message);
            return;
        }
        if (participant == null) {
            throw new SignalError(SignalError.NOT_JOINED, "send 'join' with your ticket first");
        }
        if (participant.hasLeft()) {
            throw new SignalError(SignalError.NOT_JOINED, "this session left the room or was replaced; join again");
        }
        switch (type) {
            case "publish" -> publish(message);
            case "subscribeAnswer" -> media.subscribeAnswer(room, participant, text(message, "sdp", MAX_SDP_LENGTH));
            case "subscription" -> subscription(message);
            case "videoQuality" -> videoQuality(message);
            case "mute" -> mute(message);
            case "unpublish" -> media.unpublish(room, participant, text(message, "trackSid", 64));
            case "data" -> data(message);
            case "peerSignal" -> peerSignals.relay(room, participant, message);
            case "leave" -> {
                onClose();
                channel.close(1000, "left");
            }
            default -> throw new SignalError(SignalError.BAD_MESSAGE, "unknown message type '" + type + "'");
        }
    }

    private void join(JsonNode message) {
        if (participant != null) {
            throw new SignalError(SignalError.ALREADY_JOINED, "this connection has joined already");
        }
        if (message.path("protocol").asInt(PROTOCOL) != PROTOCOL) {
            throw new SignalError(SignalError.BAD_MESSAGE, "this worker speaks protocol " + PROTOCOL);
        }
        JoinTicketClaims ticket;
        try {
            ticket = tickets.verify(text(message, "ticket", 8192));
        } catch (InvalidTokenException e) {
            channel.send(errorMessage(SignalError.INVALID_TICKET, e.getMessage()));
            channel.close(4003, "invalid ticket");
            return;
        }
        if (!spentTickets.spend(ticket.ticketId(), ticket.expiresAt(), java.time.Instant.now())) {
            channel.send(errorMessage(SignalError.INVALID_TICKET, "this ticket was used already; join through room-service again"));
            channel.close(4003, "ticket used already");
            return;
        }
        RoomRegistry.Joined joined = rooms.join(ticket, channel);
        room = joined.room();
        participant = joined.participant();
        ObjectNode answer = message("joined");
        answer.put("protocol", PROTOCOL);
        answer.set("participant", frames.self(participant));
        answer.putObject("room").put("name", room.name());
        ArrayNode others = answer.putArray("participants");
        for (Participant other : room.participants()) {
            if (other != participant && other.announcedTo(participant)) {
                others.add(describe(other));
            }
        }
        channel.send(answer);
        ObjectNode announcement = message("participantJoined");
        announcement.set("participant", describe(participant));
        room.announce(announcement, participant);
    }

    private void publish(JsonNode message) {
        if (!participant.grants().publish()) {
            throw new SignalError(SignalError.NOT_ALLOWED, "this participant's token does not allow publishing");
        }
        String sdp = text(message, "sdp", MAX_SDP_LENGTH);
        JsonNode trackList = message.path("tracks");
        if (!trackList.isArray() || trackList.size() > 16) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'tracks' must be an array of at most 16 {mid, source}");
        }
        List<MediaSignaling.TrackRequest> requests = new ArrayList<>();
        Set<String> mids = new HashSet<>();
        for (JsonNode track : trackList) {
            String mid = text(track, "mid", 32);
            String source = text(track, "source", 32);
            if (!mids.add(mid)) {
                throw new SignalError(SignalError.BAD_MESSAGE, "mid " + mid + " listed twice");
            }
            requests.add(new MediaSignaling.TrackRequest(mid, source));
        }
        ObjectNode answer = message("publishAnswer");
        answer.put("sdp", media.publish(room, participant, sdp, requests));
        // The publisher learns its tracks' sids here: it needs them for mute and unpublish.
        ArrayNode published = answer.putArray("tracks");
        participant.tracks().forEach(t -> published.add(describe(t).put("mid", t.mid())));
        channel.send(answer);
    }

    private void subscription(JsonNode message) {
        JsonNode sids = message.path("trackSids");
        if (!sids.isArray() || sids.size() > 256 || !message.path("subscribe").isBoolean()) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'trackSids' (array) and 'subscribe' (boolean) are required");
        }
        List<String> trackSids = new ArrayList<>();
        sids.forEach(sid -> trackSids.add(sid.asText()));
        media.subscription(room, participant, trackSids, message.get("subscribe").asBoolean());
    }

    private void videoQuality(JsonNode message) {
        String trackSid = text(message, "trackSid", 64);
        int layer = switch (message.path("quality").asText("")) {
            case "low" -> 0;
            case "medium" -> 1;
            case "high" -> 2;
            default -> throw new SignalError(SignalError.BAD_MESSAGE, "'quality' must be low, medium or high");
        };
        media.videoQuality(room, participant, trackSid, layer);
    }

    private void mute(JsonNode message) {
        String trackSid = text(message, "trackSid", 64);
        if (!message.path("muted").isBoolean()) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'muted' must be a boolean");
        }
        boolean muted = message.get("muted").asBoolean();
        PublishedTrack before = participant.track(trackSid);
        if (before == null) {
            throw new SignalError(SignalError.UNKNOWN_TRACK, "no published track " + trackSid);
        }
        if (!muted && before.serverMuted()) {
            // Otherwise a server mute (moderation) would last only until the publisher clicked unmute.
            throw new SignalError(SignalError.NOT_ALLOWED, "track " + trackSid + " was muted by the server; only the server can unmute it");
        }
        PublishedTrack track = participant.updateTrack(trackSid, t -> t.withMuted(muted));
        if (track == null) {
            throw new SignalError(SignalError.UNKNOWN_TRACK, "no published track " + trackSid);
        }
        media.muted(room, participant, trackSid, muted);
        if (!participant.hidden()) {
            ObjectNode announcement = message("trackMuted");
            announcement.put("participantSid", participant.sid()).put("trackSid", trackSid).put("muted", track.muted());
            room.broadcast(announcement, participant);
        }
    }

    private void data(JsonNode message) {
        if (!participant.grants().publishData() || participant.hidden()) {
            throw new SignalError(SignalError.NOT_ALLOWED, "this participant's token does not allow sending data");
        }
        long now = System.nanoTime();
        dataTokens = Math.min(DATA_BURST, dataTokens + (now - dataRefilledAt) / 1e9 * DATA_PER_SECOND);
        dataRefilledAt = now;
        if (dataTokens < 1) {
            throw new SignalError(SignalError.RATE_LIMITED,
                    "more than " + DATA_PER_SECOND + " data messages per second; this one was dropped");
        }
        dataTokens -= 1;
        String payload = text(message, "payload", MAX_DATA_LENGTH);
        ObjectNode delivery = message("data");
        delivery.put("from", participant.identity());
        delivery.put("payload", payload);
        if (message.path("topic").isTextual()) {
            delivery.put("topic", text(message, "topic", 128));
        }
        JsonNode to = message.path("to");
        if (to.isMissingNode() || to.isNull()) {
            room.broadcast(delivery, participant);
            return;
        }
        if (!to.isArray() || to.size() > 256) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'to' must be an array of identities");
        }
        for (JsonNode identity : to) {
            room.byIdentity(identity.asText()).filter(p -> p != participant).ifPresent(p -> p.channel().send(delivery));
        }
    }

    private ObjectNode describe(Participant p) {
        return frames.participant(p);
    }

    public ObjectNode describe(PublishedTrack track) {
        return frames.track(track);
    }

    private ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }

    private void error(String code, String text) {
        channel.send(errorMessage(code, text));
    }

    private ObjectNode errorMessage(String code, String text) {
        return message("error").put("code", code).put("message", text);
    }

    private static String text(JsonNode message, String field, int maxLength) {
        JsonNode value = message.path(field);
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'" + field + "' must be a non-empty string of at most " + maxLength + " characters");
        }
        return value.asText();
    }
}
