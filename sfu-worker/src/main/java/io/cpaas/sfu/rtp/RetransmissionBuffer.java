package io.cpaas.sfu.rtp;

/**
 * The last N packets sent on one stream, by sequence number, so that NACKs (RFC 4585) can be
 * answered with a retransmission.
 *
 * <p>A slot's array is allocated the first time a packet lands in it, as large as the longest packet
 * stored so far rounded up to {@value #SLOT_GRANULE} bytes, and replaced only by a packet longer than
 * that: after the first lap {@link #store} only copies. Allocating every slot at full size up front
 * cost each subscriber about 770 KB per forwarded track, audio tracks of ~120-byte packets included.
 * Sizing a slot to its own first packet instead made a video track replace hundreds of slots over
 * minutes, as longer packets came by: arrays that had lived long enough to be promoted, so a
 * 300-viewer room piled ~200 MB of garbage into the old generation and paid a full collection (146 ms).
 * Slots are indexed by the extended sequence number modulo the capacity: a packet evicts
 * the one N numbers before it, and a look-up checks the stored extended number so that a stale slot
 * is never mistaken for a hit. Store the packet as it leaves toward the subscriber (after
 * {@link RtpRewriter}, before encryption), because the subscriber NACKs outgoing numbers.
 *
 * <p>Not thread-safe: one instance per stream, used by the thread that sends it.
 */
public final class RetransmissionBuffer {

    /** A default capacity: about 2 s of 720p video at 250 packets per second. */
    public static final int DEFAULT_CAPACITY = 512;
    /** A default slot size: larger than any RTP packet that fits a 1500-byte MTU. */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 1500;

    /** Slots are sized to their first packet rounded up to this, so similar packets fit the same slot. */
    static final int SLOT_GRANULE = 256;

    private final int mask;
    private final int maxPacketLength;
    private final byte[][] slots;
    private final int[] lengths;
    private final long[] extendedSeqs;
    private final long[] storedAtMillis;
    /** The size of a new slot: the longest packet stored so far, rounded up to the granule. */
    private int slotLength = SLOT_GRANULE;
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

    private long stored;
    private long rejected;
    private long hits;
    private long misses;

    public RetransmissionBuffer() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_PACKET_LENGTH);
    }

    /**
     * @param capacity number of packets kept, a power of two up to 32768
     * @param maxPacketLength largest packet stored; longer ones are refused
     */
    public RetransmissionBuffer(int capacity, int maxPacketLength) {
        if (capacity <= 0 || capacity > 32768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 1..32768, was " + capacity);
        }
        if (maxPacketLength < RtpPacket.FIXED_HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPacketLength must be at least 12, was " + maxPacketLength);
        }
        this.mask = capacity - 1;
        this.maxPacketLength = maxPacketLength;
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
        this.extendedSeqs = new long[capacity];
        this.storedAtMillis = new long[capacity];
        java.util.Arrays.fill(extendedSeqs, Long.MIN_VALUE);
    }

    /**
     * Copies a valid packet into its slot.
     *
     * @return false (and counts a rejection) if the packet is invalid, longer than the slots, or so
     *     old that storing it would evict newer packets
     */
    public boolean store(RtpPacket packet, long nowMillis) {
        if (!packet.isValid() || packet.length() > maxPacketLength) {
            rejected++;
            return false;
        }
        long ext = unwrapper.peek(packet.sequenceNumber());
        if (unwrapper.started() && ext <= unwrapper.highest() - slots.length) {
            rejected++;
            return false;
        }
        unwrapper.unwrap(packet.sequenceNumber());
        int slot = (int) (ext & mask);
        if (packet.length() > slotLength) {
            slotLength = Math.min(maxPacketLength, (packet.length() + SLOT_GRANULE - 1) / SLOT_GRANULE * SLOT_GRANULE);
        }
        byte[] held = slots[slot];
        if (held == null || held.length < packet.length()) {
            held = new byte[slotLength];
            slots[slot] = held;
        }
        System.arraycopy(packet.buffer(), packet.offset(), held, 0, packet.length());
        lengths[slot] = packet.length();
        extendedSeqs[slot] = ext;
        storedAtMillis[slot] = nowMillis;
        stored++;
        return true;
    }

    /**
     * Copies the packet with sequence number {@code sequenceNumber} into {@code dst} at
     * {@code dstOffset}.
     *
     * @return the packet's length, or -1 if it is not (or no longer) held; then nothing is copied
     * @throws IndexOutOfBoundsException if the packet is held but does not fit in {@code dst}
     */
    public int copyOut(int sequenceNumber, byte[] dst, int dstOffset) {
        int slot = find(sequenceNumber);
        if (slot < 0) {
            misses++;
            return -1;
        }
        int length = lengths[slot];
        System.arraycopy(slots[slot], 0, dst, dstOffset, length);
        hits++;
        return length;
    }

    /** Whether the packet with this sequence number is held. */
    public boolean contains(int sequenceNumber) {
        return find(sequenceNumber) >= 0;
    }

    /** When the packet was stored (the clock passed to {@link #store}), or -1 if not held. */
    public long storedAtMillis(int sequenceNumber) {
        int slot = find(sequenceNumber);
        return slot < 0 ? -1 : storedAtMillis[slot];
    }

    private int find(int sequenceNumber) {
        if (!unwrapper.started()) {
            return -1;
        }
        long ext = unwrapper.peek(sequenceNumber);
        int slot = (int) (ext & mask);
        return extendedSeqs[slot] == ext ? slot : -1;
    }

    /** Forgets every packet held, as when what the caller stores changes kind (plain or encrypted). */
    public void clear() {
        java.util.Arrays.fill(extendedSeqs, Long.MIN_VALUE);
        unwrapper.reset();
    }

    public int capacity() {
        return slots.length;
    }

    public long storedCount() {
        return stored;
    }

    public long rejectedCount() {
        return rejected;
    }

    public long hitCount() {
        return hits;
    }

    public long missCount() {
        return misses;
    }
}
