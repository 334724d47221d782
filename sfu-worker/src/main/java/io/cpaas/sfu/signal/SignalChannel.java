package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where messages to one participant go: its WebSocket, seen through what the room logic needs. */
public interface SignalChannel {

    /** Queues a message; never blocks the caller. */
    void send(ObjectNode message);

    /** Queues a message that others hear too; a channel that writes JSON uses the text written once for all. */
    default void send(SharedMessage message) {
        send(message.message());
    }

    /** Closes the connection with a WebSocket close code and a reason. */
    void close(int code, String reason);
}
