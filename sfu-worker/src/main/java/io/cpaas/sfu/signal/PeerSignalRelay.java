package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;

/**
 * Relays {@code peerSignal} frames between two participants of one room: the offers, answers and
 * ICE candidates of a direct (peer-to-peer) connection, which the SDK opens in {@code call} rooms.
 * The worker carries no media of that connection and does not read the signal: it checks that the
 * target is another visible participant of the same room, bounds the size and rate, and hands the
 * object on with the sender's sid. One relay per signaling connection; not thread-safe (one
 * connection's frames arrive one at a time).
 */
final class PeerSignalRelay {

    /** An SDP of at most 128 KiB plus the SDK's bookkeeping around it. */
    static final int MAX_SIGNAL_LENGTH = SignalingSession.MAX_SDP_LENGTH + 8 * 1024;
    /** A negotiation sends a description and a few dozen candidates: 50 per second, bursts of 100. */
    static final int PER_SECOND = 50;
    static final int BURST = 100;

    private final ObjectMapper json;
    private double tokens = BURST;
    private long refilledAt = System.nanoTime();

    PeerSignalRelay(ObjectMapper json) {
        this.json = json;
    }

    void relay(Room room, Participant sender, JsonNode message) {
        if (sender.hidden()) {
            throw new SignalError(SignalError.NOT_ALLOWED, "a hidden participant cannot connect to others directly");
        }
        JsonNode to = message.path("to");
        JsonNode signal = message.path("signal");
        if (!to.isTextual() || to.asText().isEmpty() || to.asText().length() > 64) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'to' must be the sid of a participant of this room");
        }
        if (!signal.isObject()) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'signal' must be a JSON object");
        }
        if (signal.toString().length() > MAX_SIGNAL_LENGTH) {
            throw new SignalError(SignalError.BAD_MESSAGE, "'signal' must be at most " + MAX_SIGNAL_LENGTH + " characters");
        }
        Participant target = room.participants().stream()
                .filter(p -> p.sid().equals(to.asText()) && p != sender && !p.hasLeft() && !p.hidden())
                .findFirst()
                .orElseThrow(() -> new SignalError(SignalError.UNKNOWN_PARTICIPANT, "no other participant " + to.asText() + " in this room"));
        take();
        ObjectNode delivery = json.createObjectNode().put("type", "peerSignal");
        delivery.put("from", sender.sid());
        delivery.set("signal", signal);
        target.channel().send(delivery);
    }

    private void take() {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - refilledAt) / 1e9 * PER_SECOND);
        refilledAt = now;
        if (tokens < 1) {
            throw new SignalError(SignalError.RATE_LIMITED, "more than " + PER_SECOND + " peerSignal messages per second; this one was dropped");
        }
        tokens -= 1;
    }
}
