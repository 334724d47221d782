package io.cpaas.rest.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyRateLimiterTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KeyRateLimiter limiter = new KeyRateLimiter(now::get);

    @Test
    void burstOfOneSecondThenRefusedWithTheWaitForTheNextToken() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, limiter.tryAcquire("ak_a", 5));
        }
        Duration wait = limiter.tryAcquire("ak_a", 5);
        assertEquals(Duration.ofMillis(200), wait);
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("ak_b", 10);
        }
        assertTrue(limiter.tryAcquire("ak_b", 10).compareTo(Duration.ZERO) > 0);
        now.addAndGet(100_000_000L); // 100 ms: one token at 10/s
        assertEquals(Duration.ZERO, limiter.tryAcquire("ak_b", 10));
        assertTrue(limiter.tryAcquire("ak_b", 10).compareTo(Duration.ZERO) > 0);
    }

    @Test
    void keysHaveSeparateBuckets() {
        limiter.tryAcquire("ak_c", 1);
        assertTrue(limiter.tryAcquire("ak_c", 1).compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, limiter.tryAcquire("ak_d", 1));
    }

    @Test
    void aChangedLimitTakesEffect() {
        limiter.tryAcquire("ak_e", 1);
        assertTrue(limiter.tryAcquire("ak_e", 1).compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, limiter.tryAcquire("ak_e", 100));
    }
}
