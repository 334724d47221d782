package io.cpaas.sfu.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where messages to one participant go: its WebSocket, seen through what the room logic needs. */
public interface SignalChannel {

    /** Queues a message; never blocks the caller. */
    void send(ObjectNode message);

    /** Closes the connection with a WebSocket close code and a reason. */
    void close(int code, String reason);
}
