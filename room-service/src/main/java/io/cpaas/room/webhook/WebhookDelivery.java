package io.cpaas.room.webhook;

import java.time.Instant;

/**
 * One event on its way to a tenant's webhook URL: what is sent, and how its delivery is going.
 * {@code leaseUntil} is the lease this copy was read under (null when none): an instance records
 * the outcome only while the lease is still the one it took.
 */
public record WebhookDelivery(String id, long seq, String tenantId, String roomId, String type, String payload,
                              Instant createdAt, WebhookDeliveryState state, int attempts, Instant nextAttemptAt,
                              Instant lastAttemptAt, Integer lastStatus, String lastError, Instant finishedAt,
                              Instant leaseUntil) {
}
