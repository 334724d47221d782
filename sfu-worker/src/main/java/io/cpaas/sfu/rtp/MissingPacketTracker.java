package io.cpaas.sfu.rtp;

/**
 * The packets missing from one received RTP stream, and which of them to ask for again now with a
 * Generic NACK (RFC 4585 §6.2.1): the worker's side of loss repair towards a publisher, as
 * libwebrtc's NackRequester and Jitsi Videobridge's retransmission requester do it.
 *
 * <p>Sequence numbers are extended across wraps ({@link SequenceNumberUnwrapper}); a gap after the
 * highest one seen marks every number in it missing. Each missing packet is asked for at once, then
 * again each retry interval (about a round trip, so that a repair in flight is not asked for twice),
 * at most {@code maxNacks} times; it is given up on when it is older than {@code maxAgeMillis} or
 * when its last request went unanswered for a retry interval. A jump of more than {@code maxGap}
 * (a restarted stream, a long outage) is not repaired: everything missing is given up on.
 *
 * <p>Memory is fixed: a ring of {@code capacity} slots indexed by extended sequence number, each
 * knowing whether its packet arrived, is missing or was given up on, so that an arrival can be
 * told apart as new, a late repair worth forwarding, or a duplicate (libwebrtc's RTX padding probes
 * resend packets that arrived). Nothing is allocated after construction. Not thread-safe: one
 * instance per stream, used by the thread that receives it.
 */
public final class MissingPacketTracker {

    /** What one arriving packet was to the stream. */
    public enum Arrival {
        /** The next packet, or the first. */
        IN_ORDER,
        /** A newer packet after a gap: the numbers in between are now missing. */
        AFTER_GAP,
        /** A packet that was missing (or given up on) and arrived after all: forward it. */
        LATE,
        /** A packet that had already arrived, or too old to tell: do not forward it again. */
        DUPLICATE,
        /** A jump of more than the largest repairable gap: the stream starts over from here. */
        JUMP
    }

    private static final byte RECEIVED = 0;
    private static final byte MISSING = 1;
    private static final byte GIVEN_UP = 2;

    private final int mask;
    private final int maxGap;
    private final int maxNacks;
    private final long maxAgeMillis;
    private final long[] slotSequence;
    private final byte[] slotState;
    private final byte[] nacksSent;
    private final long[] missingSinceMillis;
    private final long[] lastNackMillis;
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

    private int missing;
    /** No packet below this extended number is missing; where {@link #due} starts looking. */
    private long lowestMissing;

    private long gaps;
    private long requested;
    private long recovered;
    private long givenUp;
    private long duplicates;

    /**
     * @param capacity     slots, a power of two from 16 to 32768: how far back a packet is remembered
     * @param maxGap       the largest gap repaired, at most half the capacity
     * @param maxNacks     how many times one packet is asked for, at least 1
     * @param maxAgeMillis how long after it went missing a packet is still asked for
     */
    public MissingPacketTracker(int capacity, int maxGap, int maxNacks, long maxAgeMillis) {
        if (capacity < 16 || capacity > 32768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 16..32768, was " + capacity);
        }
        if (maxGap < 1 || maxGap > capacity / 2) {
            throw new IllegalArgumentException("maxGap must be in 1.." + capacity / 2 + ", was " + maxGap);
        }
        if (maxNacks < 1 || maxNacks > 100 || maxAgeMillis <= 0) {
            throw new IllegalArgumentException("maxNacks must be in 1..100 and maxAgeMillis positive, were "
                    + maxNacks + " and " + maxAgeMillis);
        }
        this.mask = capacity - 1;
        this.maxGap = maxGap;
        this.maxNacks = maxNacks;
        this.maxAgeMillis = maxAgeMillis;
        this.slotSequence = new long[capacity];
        this.slotState = new byte[capacity];
        this.nacksSent = new byte[capacity];
        this.missingSinceMillis = new long[capacity];
        this.lastNackMillis = new long[capacity];
        java.util.Arrays.fill(slotSequence, Long.MIN_VALUE);
    }

    /** Records one arriving packet (an original or the unwrapped repair of one). */
    public Arrival onPacket(int sequenceNumber, long nowMillis) {
        if (!unwrapper.started()) {
            long first = unwrapper.unwrap(sequenceNumber);
            take(first, RECEIVED, nowMillis);
            lowestMissing = first + 1;
            return Arrival.IN_ORDER;
        }
        long highest = unwrapper.highest();
        long extended = unwrapper.peek(sequenceNumber);
        if (extended > highest) {
            long gap = extended - highest - 1;
            unwrapper.unwrap(sequenceNumber);
            if (gap > maxGap) {
                giveUpAll();
                take(extended, RECEIVED, nowMillis);
                lowestMissing = extended + 1;
                return Arrival.JUMP;
            }
            for (long s = highest + 1; s < extended; s++) {
                take(s, MISSING, nowMillis);
            }
            take(extended, RECEIVED, nowMillis);
            if (gap == 0) {
                return Arrival.IN_ORDER;
            }
            gaps++;
            return Arrival.AFTER_GAP;
        }
        int slot = (int) (extended & mask);
        if (slotSequence[slot] != extended || slotState[slot] == RECEIVED) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        if (slotState[slot] == MISSING) {
            missing--;
            if (nacksSent[slot] > 0) {
                recovered++;
            }
        }
        slotState[slot] = RECEIVED;
        return Arrival.LATE;
    }

    /**
     * Collects the sequence numbers to NACK now, oldest first, and gives up on those past their
     * bounds. Each one written counts as asked for once more.
     *
     * @param retryMillis how long to wait for a repair before asking again (about a round trip)
     * @return how many were written to {@code out} (at most {@code max} and its length)
     */
    public int due(long nowMillis, long retryMillis, int[] out, int max) {
        if (missing == 0) {
            return 0;
        }
        int limit = Math.min(max, out.length);
        long highest = unwrapper.highest();
        long from = Math.max(lowestMissing, highest - mask);
        long stillMissing = highest + 1;
        int n = 0;
        for (long s = from; s <= highest; s++) {
            int slot = (int) (s & mask);
            if (slotSequence[slot] != s || slotState[slot] != MISSING) {
                continue;
            }
            boolean waited = nacksSent[slot] == 0 || nowMillis - lastNackMillis[slot] >= retryMillis;
            if (nowMillis - missingSinceMillis[slot] > maxAgeMillis || (nacksSent[slot] >= maxNacks && waited)) {
                slotState[slot] = GIVEN_UP;
                missing--;
                givenUp++;
                continue;
            }
            stillMissing = Math.min(stillMissing, s);
            if (waited && nacksSent[slot] < maxNacks && n < limit) {
                out[n++] = (int) (s & 0xFFFF);
                nacksSent[slot]++;
                lastNackMillis[slot] = nowMillis;
                requested++;
            }
        }
        lowestMissing = stillMissing;
        return n;
    }

    /** Packets missing now, waiting for a repair. */
    public int missing() {
        return missing;
    }

    /** Gaps seen (each one or more packets). */
    public long gaps() {
        return gaps;
    }

    /** Sequence numbers asked for, counting each NACK of each. */
    public long requested() {
        return requested;
    }

    /** Missing packets that arrived after they were asked for. */
    public long recovered() {
        return recovered;
    }

    /** Missing packets given up on: too old, asked for too often, pushed out of the ring or by a jump. */
    public long givenUp() {
        return givenUp;
    }

    /** Arrivals of packets that had already arrived, or older than the ring remembers. */
    public long duplicates() {
        return duplicates;
    }

    /** Puts {@code s} in its slot, giving up on a packet still missing there (it is a ring's length older). */
    private void take(long s, byte state, long nowMillis) {
        int slot = (int) (s & mask);
        if (slotState[slot] == MISSING && slotSequence[slot] != s) {
            missing--;
            givenUp++;
        }
        slotSequence[slot] = s;
        slotState[slot] = state;
        nacksSent[slot] = 0;
        if (state == MISSING) {
            missing++;
            missingSinceMillis[slot] = nowMillis;
        }
    }

    private void giveUpAll() {
        for (int slot = 0; slot <= mask; slot++) {
            if (slotState[slot] == MISSING) {
                slotState[slot] = GIVEN_UP;
                givenUp++;
            }
        }
        missing = 0;
    }
}
