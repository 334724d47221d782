package io.cpaas.tenant.tenant;

import com.fasterxml.jackson.annotation.JsonValue;

/** A disabled tenant keeps its data but none of its keys or users can act. */
public enum TenantStatus {
    ACTIVE("active"),
    DISABLED("disabled");

    private final String wireName;

    TenantStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static TenantStatus fromWireName(String name) {
        for (TenantStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown tenant status " + name);
    }
}
