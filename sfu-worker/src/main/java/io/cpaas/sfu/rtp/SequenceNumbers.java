package io.cpaas.sfu.rtp;

/**
 * Comparisons of 16-bit RTP sequence numbers in modular arithmetic (RFC 3550 Appendix A.1): of two
 * numbers, the one reachable by a forward step of less than half the space is the newer.
 */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /**
     * The signed distance from {@code from} to {@code to}, in -32768..32767: positive when {@code to}
     * is newer. Exactly half the space apart counts as older (-32768).
     */
    public static int delta(int from, int to) {
        return (short) (to - from);
    }

    /** Whether {@code a} is newer than {@code b}. */
    public static boolean isNewer(int a, int b) {
        return delta(b, a) > 0;
    }

    /** Whether {@code a} is older than {@code b}. */
    public static boolean isOlder(int a, int b) {
        return delta(b, a) < 0;
    }
}
