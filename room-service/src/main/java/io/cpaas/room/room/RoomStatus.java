package io.cpaas.room.room;

import com.fasterxml.jackson.annotation.JsonValue;

/** idle: created, nobody joined yet; active: placed on a worker; ended: over, kept as history. */
public enum RoomStatus {
    IDLE, ACTIVE, ENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RoomStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
