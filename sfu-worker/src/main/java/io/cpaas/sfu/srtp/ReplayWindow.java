package io.cpaas.sfu.srtp;

/**
 * A 64-packet sliding replay window over packet indices (RFC 3711 §3.3.2): the highest index accepted
 * and a bitmap of which of the 63 before it were seen.
 *
 * <p>{@link #check} and {@link #accept} are separate so the window moves only once a packet has
 * authenticated; a forged packet can neither advance it nor mark an index as seen.
 */
final class ReplayWindow {

    static final int SIZE = 64;

    private long highest = -1;
    private long seen;

    /** The highest index accepted so far, or -1 before the first. */
    long highest() {
        return highest;
    }

    /** 0 when {@code index} may be accepted, else {@link SrtpError#REPLAYED} or {@link SrtpError#TOO_OLD}. */
    int check(long index) {
        if (highest < 0 || index > highest) {
            return 0;
        }
        long behind = highest - index;
        if (behind >= SIZE) {
            return SrtpError.TOO_OLD;
        }
        return (seen & (1L << behind)) != 0 ? SrtpError.REPLAYED : 0;
    }

    /** Records an index that passed {@link #check} and authenticated. */
    void accept(long index) {
        if (highest < 0) {
            highest = index;
            seen = 1L;
        } else if (index > highest) {
            long ahead = index - highest;
            seen = ahead >= SIZE ? 1L : (seen << ahead) | 1L;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }
}
