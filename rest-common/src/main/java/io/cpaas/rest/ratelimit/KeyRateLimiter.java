package io.cpaas.rest.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Per-API-key request rate limit of this instance. Only authenticated keys get a bucket, so an
 * attacker who knows a key id cannot spend its owner's budget.
 */
@ApplicationScoped
public class KeyRateLimiter {

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public KeyRateLimiter() {
        this(System::nanoTime);
    }

    KeyRateLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    /** Duration.ZERO when the request may go ahead, else how long the caller should wait. */
    public Duration tryAcquire(String keyId, int perSecond) {
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.compute(keyId, (id, existing) ->
                existing == null || existing.perSecond() != perSecond ? new TokenBucket(perSecond, now) : existing);
        return Duration.ofNanos(bucket.tryTake(now));
    }
}
