package io.cpaas.room.webhook.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.cpaas.room.webhook.WebhookAttempt;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.WebhookDeliveryState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook delivery as the delivery log shows it. {@code body} (the exact JSON sent) and
 * {@code attemptLog} are filled when one delivery is asked for.
 */
public record WebhookDeliveryView(String id, String type, String roomSid, Instant createdAt, String state, int attempts,
                                  Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
                                  Instant finishedAt,
                                  @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
                                  @JsonRawValue String body,
                                  List<AttemptView> attemptLog) {

    public static WebhookDeliveryView of(WebhookDelivery delivery) {
        return of(delivery, null, null);
    }

    public static WebhookDeliveryView of(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
        return of(delivery, delivery.payload(), attempts.stream().map(AttemptView::of).toList());
    }

    private static WebhookDeliveryView of(WebhookDelivery delivery, String body, List<AttemptView> attempts) {
        boolean pending = delivery.state() == WebhookDeliveryState.PENDING;
        return new WebhookDeliveryView(delivery.id(), delivery.type(), delivery.roomId().isEmpty() ? null : delivery.roomId(),
                delivery.createdAt(), delivery.state().wireName(), delivery.attempts(), pending ? delivery.nextAttemptAt() : null,
                delivery.lastAttemptAt(), delivery.lastStatus(), delivery.lastError(), delivery.finishedAt(), body, attempts);
    }

    /** One attempt: when, to which URL, the HTTP status (absent when none came back), latency and error. */
    public record AttemptView(int attempt, Instant at, String url, Integer status, int latencyMillis, String error) {

        static AttemptView of(WebhookAttempt attempt) {
            return new AttemptView(attempt.attempt(), attempt.at(), attempt.url(), attempt.status(), attempt.latencyMillis(),
                    attempt.error());
        }
    }
}
