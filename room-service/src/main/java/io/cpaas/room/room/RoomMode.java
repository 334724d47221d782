package io.cpaas.room.room;

import com.fasterxml.jackson.annotation.JsonValue;

/** The shape of a room's service: N:N meeting, 1:N broadcast, or 1:1 call. */
public enum RoomMode {
    CONFERENCE, BROADCAST, CALL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RoomMode fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
