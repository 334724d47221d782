package io.cpaas.sfu.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message that many participants hear, written as JSON once however many there are. Writing it per
 * participant made a room-wide frame cost the room's size squared: in a 300-viewer room, a connection
 * quality list of 300 entries written 300 times every few seconds, on the core that forwards media.
 * The message must not change once it is shared.
 */
public final class SharedMessage {

    private final ObjectNode message;
    private volatile String text;

    public SharedMessage(ObjectNode message) {
        this.message = message;
    }

    public ObjectNode message() {
        return message;
    }

    /** The message as JSON, written on the first call; racing first calls may both write it, to the same text. */
    String text(ObjectMapper json) throws JsonProcessingException {
        String written = text;
        if (written == null) {
            written = json.writeValueAsString(message);
            text = written;
        }
        return written;
    }
}
