package io.cpaas.room.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/** Placeholder until the webhooks branch lands: its outbox replaces this file. */
@ApplicationScoped
public class WebhookOutbox {

    public String enqueue(String tenantId, String roomId, String type, Instant occurredAt, Map<String, Object> data) {
        return null;
    }
}
