package io.cpaas.room.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a delivery stands: pending (waiting for its first or next attempt), delivered (a 2xx came
 * back), failed (given up after the retry period, or the URL may not be called) or skipped (the
 * tenant had no webhook URL, or was disabled, when its turn came).
 */
public enum WebhookDeliveryState {
    PENDING, DELIVERED, FAILED, SKIPPED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<WebhookDeliveryState> fromWireName(String name) {
        return Arrays.stream(values()).filter(state -> state.wireName().equals(name)).findFirst();
    }
}
