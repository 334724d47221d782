package io.cpaas.sfu.media;

/**
 * Which simulcast layer a subscriber gets, from what it asked for, its share of the downlink
 * estimate, and what the publisher is sending. Pure and allocation-free: the caller passes the
 * layers' bitrates and whether each is sending, lowest layer first.
 *
 * <ul>
 *   <li>The target is the highest layer not above the requested one that is sending and whose
 *       bitrate fits the budget. The layer being forwarded keeps its place until its bitrate
 *       exceeds the budget by a quarter ({@link #STAY_MARGIN}): a layer hovering at the budget does
 *       not flap.</li>
 *   <li>Up one layer at a time: from a layer being forwarded the next target is at most the next
 *       sending layer above it. The estimate grows without probing, so it overshoots a narrow link
 *       before the link's delay and loss pull it back; stepping keeps such a try to the next layer
 *       (a short, small excess) rather than a jump to the full one. Down may skip layers.</li>
 *   <li>When none fits, the lowest sending layer: a subscriber always gets a picture, however
 *       poor its link (the estimate recovers from there).</li>
 *   <li>A layer that sends but whose bitrate is not measured yet counts with a typical bitrate for
 *       its rank ({@link #TYPICAL_BITRATES}).</li>
 * </ul>
 */
final class LayerSelector {

    static final double STAY_MARGIN = 1.25;
    /** Roughly what Chromium sends for 1/4, 1/2 and full resolution of a 540p–720p camera. */
    static final long[] TYPICAL_BITRATES = {150_000, 500_000, 1_500_000};

    private LayerSelector() {
    }

    /**
     * @param maxLayer  the highest layer the subscriber asked for
     * @param budget    bits per second this track may take of the subscriber's estimate
     * @param bitrates  each layer's measured bitrate, 0 when unknown
     * @param receiving whether each layer is sending now
     * @param count     how many layers the track has (entries used in the arrays)
     * @param current   the layer being forwarded, -1 for none
     * @return the layer to forward, or -1 when no layer is sending
     */
    static int choose(int maxLayer, long budget, long[] bitrates, boolean[] receiving, int count, int current) {
        int lowestReceiving = -1;
        for (int layer = 0; layer < count; layer++) {
            if (receiving[layer]) {
                lowestReceiving = layer;
                break;
            }
        }
        if (lowestReceiving < 0) {
            return -1;
        }
        for (int layer = Math.min(maxLayer, count - 1); layer >= 0; layer--) {
            if (!receiving[layer]) {
                continue;
            }
            long cost = bitrates[layer] > 0 ? bitrates[layer] : typical(layer);
            double allowed = layer == current ? budget * STAY_MARGIN : budget;
            if (cost <= allowed) {
                return current >= 0 && layer > current ? nextSendingAbove(current, layer, receiving) : layer;
            }
        }
        return lowestReceiving;
    }

    /** The first sending layer above {@code current}, up to {@code target} (which sends). */
    private static int nextSendingAbove(int current, int target, boolean[] receiving) {
        for (int layer = current + 1; layer < target; layer++) {
            if (receiving[layer]) {
                return layer;
            }
        }
        return target;
    }

    /**
     * The layer the subscriber would take if every layer were sending, for dynacast: the highest
     * not above the requested one whose last known bitrate fits the budget, at least layer 0.
     *
     * @param knownBitrates each layer's last bitrate measured while it was sending, 0 when never
     */
    static int wanted(int maxLayer, long budget, long[] knownBitrates, int count) {
        for (int layer = Math.min(maxLayer, count - 1); layer > 0; layer--) {
            long cost = knownBitrates[layer] > 0 ? knownBitrates[layer] : typical(layer);
            if (cost <= budget) {
                return layer;
            }
        }
        return 0;
    }

    private static long typical(int layer) {
        return TYPICAL_BITRATES[Math.min(layer, TYPICAL_BITRATES.length - 1)];
    }
}
