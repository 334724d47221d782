package io.cpaas.sfu.srtp;

/**
 * Recovers a packet's 48-bit SRTP index (ROC·2^16 + SEQ) from its 16-bit sequence number and the highest
 * index seen so far on that SSRC (RFC 3711 §3.3.1 and Appendix A).
 *
 * <p>Chooses the rollover counter that puts the packet closest to the highest index: a sequence number
 * far below it after a high one means the counter wrapped (ROC+1); one far above it after a low one
 * is a late packet from before the wrap (ROC-1). The same estimate runs on both sides, which keeps the
 * sender's ROC in step with what the receiver will guess even when the forwarder reorders.
 */
final class RolloverCounter {

    /** Largest valid SRTP index: 2^48 - 1 (a 32-bit ROC and a 16-bit SEQ). */
    static final long MAX_INDEX = (1L << 48) - 1;

    private RolloverCounter() {
    }

    /**
     * The estimated index, or -1 when it would fall before index 0 (a packet "from before the first ROC",
     * which cannot be genuine and is dropped as too old).
     */
    static long estimateIndex(long highestIndex, int seq) {
        if (highestIndex < 0) {
            return seq;
        }
        long roc = highestIndex >>> 16;
        int highestSeq = (int) (highestIndex & 0xFFFF);
        long v;
        if (highestSeq < 0x8000) {
            v = seq - highestSeq > 0x8000 ? roc - 1 : roc;
        } else {
            v = highestSeq - 0x8000 > seq ? roc + 1 : roc;
        }
        return v < 0 ? -1 : (v << 16) | seq;
    }
}
