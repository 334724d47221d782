package io.cpaas.room.pool;

import java.time.Instant;

/**
 * An SFU worker of the pool as room-service knows it: where it is, what it can take, its last load.
 * {@code controlUrl} is where room-service reaches its control API (null when it offers none).
 */
public record Worker(String id, String region, String signalUrl, String udpAddress, int maxParticipants, int maxTracks,
                     WorkerState state, Instant registeredAt, Instant lastHeartbeatAt, WorkerLoad load,
                     int reservedParticipants, String controlUrl) {
}
