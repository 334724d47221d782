package io.cpaas.room.webhook;

import java.time.Instant;

/** One try to deliver: when, where, what came back (status null when no answer came) and how long it took. */
public record WebhookAttempt(int attempt, Instant at, String url, Integer status, int latencyMillis, String error) {
}
