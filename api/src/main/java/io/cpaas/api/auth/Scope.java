package io.cpaas.api.auth;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. The wire name is part of the public API. */
public enum Scope {
    ROOMS_WRITE("rooms:write"),
    ROOMS_READ("rooms:read"),
    TOKENS_CREATE("tokens:create"),
    TURN_CREATE("turn:create"),
    USAGE_READ("usage:read"),
    KEYS_MANAGE("keys:manage");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
