package io.cpaas.sfu.rtcp;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64-bit unsigned fixed point, 32 bits of seconds
 * since 1900-01-01 and 32 bits of fraction, and the short 16.16 forms of the LSR and DLSR fields.
 * Also a clock that turns the JVM's monotonic {@link System#nanoTime()} into NTP time, so that report
 * timestamps never jump when the wall clock is stepped.
 *
 * <p>Durations in 32.32 form are plain {@code long} differences of two timestamps; they convert to
 * and from nanoseconds exactly enough for reports (error below 1 ns).
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 (the NTP era 0 epoch) to 1970-01-01 (the Unix epoch). */
    public static final long UNIX_EPOCH_IN_NTP_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long baseNtp;
    private final long baseMonotonicNanos;

    private NtpTime(long baseNtp, long baseMonotonicNanos) {
        this.baseNtp = baseNtp;
        this.baseMonotonicNanos = baseMonotonicNanos;
    }

    /** A clock reading the wall clock once now and following {@link System#nanoTime()} after that. */
    public static NtpTime systemClock() {
        long monotonic = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        return new NtpTime(fromUnixNanos(now.getEpochSecond() * NANOS_PER_SECOND + now.getNano()), monotonic);
    }

    /** A clock where monotonic time {@code monotonicNanos} is NTP time {@code ntp}; for tests. */
    public static NtpTime fixed(long ntp, long monotonicNanos) {
        return new NtpTime(ntp, monotonicNanos);
    }

    /** The NTP time at monotonic time {@code monotonicNanos} (a {@link System#nanoTime()} reading). */
    public long at(long monotonicNanos) {
        return baseNtp + fromNanos(monotonicNanos - baseMonotonicNanos);
    }

    /** The NTP timestamp of a Unix time in nanoseconds. */
    public static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(unixNanos, NANOS_PER_SECOND);
        return ((seconds + UNIX_EPOCH_IN_NTP_SECONDS) << 32) | ((nanos << 32) / NANOS_PER_SECOND);
    }

    /** A duration in nanoseconds (negative allowed) as a 32.32 NTP difference. */
    public static long fromNanos(long nanos) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
        return (seconds << 32) + ((rest << 32) / NANOS_PER_SECOND);
    }

    /** A 32.32 NTP difference (negative allowed) in nanoseconds. */
    public static long toNanos(long ntpDifference) {
        long seconds = ntpDifference >> 32;
        long fraction = ntpDifference & 0xFFFFFFFFL;
        return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
    }

    /** The middle 32 bits of a timestamp: the LSR field of a report block (RFC 3550 §6.4.1). */
    public static int middle32(long ntp) {
        return (int) (ntp >>> 16);
    }

    /**
     * A non-negative duration in the 1/65536 s units of the DLSR field, saturating at the field's
     * largest value; negative durations give 0.
     */
    public static int toShortUnits(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos >= 1L << 47) {
            return -1; // 39 hours, far past the field's 65536 s
        }
        long units = (nanos << 16) / NANOS_PER_SECOND;
        return units >= 0xFFFFFFFFL ? -1 : (int) units;
    }
}
