package io.cpaas.room.webhook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTests {

    private final WebhookRetryPolicy policy = new WebhookRetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(1));
    private final Instant created = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void waitsDoubleFromTheFirstDelayAndStayBetweenHalfAndAllOfIt() {
        Random random = new Random(7);
        long[] expected = {5_000, 10_000, 20_000, 40_000, 80_000};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                long wait = Duration.between(created, policy.next(attempt, created, created, random).orElseThrow()).toMillis();
                assertTrue(wait >= expected[attempt - 1] / 2 && wait <= expected[attempt - 1],
                        "attempt " + attempt + " waited " + wait);
            }
        }
    }

    @Test
    void waitsNeverExceedTheCapHoweverManyAttempts() {
        Random random = new Random(11);
        for (int attempt : new int[] {12, 30, 64, 1_000, Integer.MAX_VALUE}) {
            long wait = Duration.between(created, policy.next(attempt, created, created, random).orElseThrow()).toMillis();
            assertTrue(wait >= 1_800_000 && wait <= 3_600_000, "attempt " + attempt + " waited " + wait);
        }
    }

    @Test
    void noRetryIsPlannedPastTheGiveUpPeriod() {
        Instant nearlyADayLater = created.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59));
        Random random = new Random(3);
        assertEquals(Optional.empty(), policy.next(30, created, nearlyADayLater, random));
        assertTrue(policy.next(1, created, nearlyADayLater, random).isPresent(), "a 5 s wait still fits in the day");
    }

    @Test
    void retriesOfADeadReceiverSpanADayInAFewDozenAttempts() {
        Random random = new Random(5);
        Instant now = created;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = policy.next(attempts, created, now, random)).isPresent() && attempts < 1_000) {
            now = next.get();
            attempts++;
        }
        assertTrue(attempts > 20 && attempts < 60, attempts + " attempts");
        assertTrue(Duration.between(created, now).compareTo(Duration.ofHours(22)) > 0, "last try at " + now);
    }
}
