package io.cpaas.room.webhook.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code first}, capped at {@code max},
 * each wait drawn between half and all of its value so that receivers coming back are not hit by
 * every retry at once; no retry past {@code giveUpAfter} from the event's creation.
 */
public record WebhookRetryPolicy(Duration first, Duration max, Duration giveUpAfter) {

    /** The time of the next try after {@code attemptsMade} failed attempts, or empty to give up. */
    public Optional<Instant> next(int attemptsMade, Instant createdAt, Instant now, RandomGenerator random) {
        long cap = max.toMillis();
        long base = first.toMillis();
        for (int i = 1; i < attemptsMade && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        long wait = base / 2 + random.nextLong(base / 2 + 1);
        Instant next = now.plusMillis(wait);
        return next.isAfter(createdAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
