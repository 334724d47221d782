package io.cpaas.rest.ratelimit;

/**
 * A token bucket holding up to one second of requests and refilled continuously. Synchronized
 * per bucket: contention is only between requests of the same key.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int perSecond;
    private double tokens;
    private long refilledAt;

    TokenBucket(int perSecond, long now) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = now;
    }

    int perSecond() {
        return perSecond;
    }

    /** Takes one token and answers 0, or answers the nanoseconds until a token will be there. */
    synchronized long tryTake(long now) {
        double elapsedSeconds = (now - refilledAt) / (double) NANOS_PER_SECOND;
        tokens = Math.min(perSecond, tokens + elapsedSeconds * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND);
    }
}
