package io.cpaas.room.pool;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * active: takes new rooms. draining: keeps its rooms, takes no new ones. unhealthy: missed its
 * heartbeats; its rooms were released. gone: deregistered.
 */
public enum WorkerState {
    ACTIVE, DRAINING, UNHEALTHY, GONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static WorkerState fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
