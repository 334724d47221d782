package io.cpaas.room.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.room.webhook.persistence.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes webhook events to the outbox in the caller's transaction, so an event exists exactly when
 * the state change it announces was committed; {@code WebhookDispatcher} delivers it later.
 */
@ApplicationScoped
public class WebhookOutbox {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookDeliveryRepository deliveries;
    private final ObjectMapper json;

    public WebhookOutbox(WebhookDeliveryRepository deliveries, ObjectMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    /**
     * Adds an event for the tenant; {@code roomId} orders it among the room's other events (null for
     * events of no room). Answers the event id, which is also the body's {@code id}.
     */
    public String enqueue(String tenantId, String roomId, String type, Instant occurredAt, Map<String, Object> data) {
        String id = "EV_" + HexFormat.of().formatHex(randomBytes());
        Instant createdAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("createdAt", createdAt.toString());
        body.put("tenantId", tenantId);
        body.putAll(data);
        deliveries.insert(id, tenantId, roomId == null ? "" : roomId, type, write(body), createdAt);
        return id;
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook body could not be written", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
