package io.cpaas.room.usage.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageLedgerTests {

    @Test
    void aSpanIsSplitAtHourBoundariesAndTheSharesAddUpToIt() {
        Instant from = Instant.parse("2026-11-25T09:59:30.250Z");
        Instant to = Instant.parse("2026-11-25T12:00:45.001Z");
        List<UsageLedger.HourShare> shares = UsageLedger.split(from, to);
        assertEquals(List.of(
                new UsageLedger.HourShare(Instant.parse("2026-11-25T09:00:00Z"), 29_750),
                new UsageLedger.HourShare(Instant.parse("2026-11-25T10:00:00Z"), 3_600_000),
                new UsageLedger.HourShare(Instant.parse("2026-11-25T11:00:00Z"), 3_600_000),
                new UsageLedger.HourShare(Instant.parse("2026-11-25T12:00:00Z"), 45_001)), shares);
        assertEquals(Duration.between(from, to).toMillis(), shares.stream().mapToLong(UsageLedger.HourShare::millis).sum());
    }

    @Test
    void aSpanWithinOneHourIsOneShareAndAnEmptySpanNone() {
        Instant at = Instant.parse("2026-11-25T10:15:00Z");
        assertEquals(List.of(new UsageLedger.HourShare(Instant.parse("2026-11-25T10:00:00Z"), 1_500)),
                UsageLedger.split(at, at.plusMillis(1_500)));
        assertEquals(List.of(), UsageLedger.split(at, at));
        assertEquals(List.of(), UsageLedger.split(at, at.minusSeconds(1)));
    }

    @Test
    void aSpanEndingExactlyOnTheHourDoesNotTouchTheNextHour() {
        List<UsageLedger.HourShare> shares = UsageLedger.split(Instant.parse("2026-11-25T10:30:00Z"),
                Instant.parse("2026-11-25T11:00:00Z"));
        assertEquals(List.of(new UsageLedger.HourShare(Instant.parse("2026-11-25T10:00:00Z"), 1_800_000)), shares);
    }
}
