package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NtpTimeTests {

    @Test
    void placesTheUnixEpochAt2208988800SecondsAfter1900() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromUnixNanos(0));
        assertEquals((2_208_988_800L << 32) | 0x8000_0000L, NtpTime.fromUnixNanos(500_000_000L), "half a second is fraction 2^31");
    }

    @Test
    void convertsDurationsBothWaysWithinANanosecond() {
        for (long nanos : new long[] {0, 1, 999_999_999L, 1_500_000_000L, -250_000_000L, 86_400_000_000_123L}) {
            assertTrue(Math.abs(NtpTime.toNanos(NtpTime.fromNanos(nanos)) - nanos) <= 1, "round trip of " + nanos);
        }
        assertEquals(3L << 31, NtpTime.fromNanos(1_500_000_000L));
        assertEquals(-(1L << 30), NtpTime.fromNanos(-250_000_000L));
    }

    @Test
    void followsTheMonotonicClockFromItsBase() {
        NtpTime clock = NtpTime.fixed(0xE000_0000_0000_0000L, 42);
        assertEquals(0xE000_0000_0000_0000L + (1L << 32), clock.at(42 + 1_000_000_000L));
        assertEquals(0xE000_0000_0000_0000L - (1L << 31), clock.at(42 - 500_000_000L));
    }

    @Test
    void systemClockIsNearTheWallClock() {
        long ntp = NtpTime.systemClock().at(System.nanoTime());
        long wall = NtpTime.fromUnixNanos(System.currentTimeMillis() * 1_000_000L);
        assertTrue(Math.abs(NtpTime.toNanos(ntp - wall)) < 1_000_000_000L, "within a second of the wall clock");
    }

    @Test
    void writesLsrAsTheMiddle32BitsAndDlsrIn65536thsOfASecond() {
        assertEquals(0x5678_9ABC, NtpTime.middle32(0x1234_5678_9ABC_DEF0L));
        assertEquals(65_536, NtpTime.toShortUnits(1_000_000_000L));
        assertEquals(32_768, NtpTime.toShortUnits(500_000_000L));
        assertEquals(0, NtpTime.toShortUnits(-5));
        assertEquals(-1, NtpTime.toShortUnits(100_000L * 1_000_000_000L), "saturates past 65536 s");
    }
}
