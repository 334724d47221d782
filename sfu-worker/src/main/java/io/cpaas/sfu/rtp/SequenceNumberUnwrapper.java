package io.cpaas.sfu.rtp;

/**
 * Turns a stream's 16-bit sequence numbers into a 64-bit extended sequence that keeps counting
 * across wraps (65535 → 0 becomes 65535 → 65536), so that ordering, windows and loss counts need no
 * modular arithmetic downstream.
 *
 * <p>Each number is placed at the value closest to the highest one seen so far (within ±32767),
 * the rule of RFC 3550 Appendix A.1. Reordered packets from before a wrap therefore map below the
 * wrap, and a packet arriving before the first one seen may map to a negative value. One instance
 * per stream; not thread-safe.
 */
public final class SequenceNumberUnwrapper {

    private boolean started;
    private long highest;

    /** Unwraps {@code sequenceNumber} (low 16 bits used) and advances the highest value seen. */
    public long unwrap(int sequenceNumber) {
        long extended = peek(sequenceNumber);
        if (!started || extended > highest) {
            highest = extended;
            started = true;
        }
        return extended;
    }

    /** What {@link #unwrap(int)} would return, without remembering the number. */
    public long peek(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            return seq;
        }
        return highest + SequenceNumbers.delta((int) (highest & 0xFFFF), seq);
    }

    /** Whether any number has been unwrapped yet. */
    public boolean started() {
        return started;
    }

    /** The highest extended sequence number seen; meaningless before {@link #started()}. */
    public long highest() {
        return highest;
    }

    /** Forgets the stream, as when its SSRC changes. */
    public void reset() {
        started = false;
        highest = 0;
    }
}
