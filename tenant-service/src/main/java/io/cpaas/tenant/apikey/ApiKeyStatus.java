package io.cpaas.tenant.apikey;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a key can be used now. */
public enum ApiKeyStatus {
    ACTIVE, REVOKED, EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
