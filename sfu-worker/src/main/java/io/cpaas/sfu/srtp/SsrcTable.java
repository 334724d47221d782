package io.cpaas.sfu.srtp;

/**
 * An int-keyed open-addressing map from SSRC to {@link SrtpStreamState}, so a lookup per packet neither
 * boxes the SSRC nor allocates. Linear probing at a load factor of at most 1/2; removal shifts later
 * entries back instead of leaving tombstones. Holds at most {@code maxEntries} streams.
 */
final class SsrcTable {

    private final int maxEntries;
    private int[] keys;
    private SrtpStreamState[] values;
    private int size;

    SsrcTable(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.keys = new int[16];
        this.values = new SrtpStreamState[16];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= maxEntries;
    }

    SrtpStreamState get(int ssrc) {
        int mask = keys.length - 1;
        for (int i = slot(ssrc, mask); ; i = (i + 1) & mask) {
            SrtpStreamState v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == ssrc) {
                return v;
            }
        }
    }

    /** Adds a stream for an SSRC not yet present; the caller checks {@link #isFull()} first. */
    SrtpStreamState add(int ssrc) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        SrtpStreamState state = new SrtpStreamState(ssrc);
        insert(keys, values, ssrc, state);
        size++;
        return state;
    }

    boolean remove(int ssrc) {
        int mask = keys.length - 1;
        int i = slot(ssrc, mask);
        while (true) {
            if (values[i] == null) {
                return false;
            }
            if (keys[i] == ssrc) {
                break;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: move up any later entry whose home slot does not lie in (i, j].
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean homeBetween = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!homeBetween) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        keys[hole] = 0;
        size--;
        return true;
    }

    private void grow() {
        int[] newKeys = new int[keys.length * 2];
        SrtpStreamState[] newValues = new SrtpStreamState[values.length * 2];
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                insert(newKeys, newValues, keys[i], values[i]);
            }
        }
        keys = newKeys;
        values = newValues;
    }

    private static void insert(int[] keys, SrtpStreamState[] values, int ssrc, SrtpStreamState state) {
        int mask = keys.length - 1;
        int i = slot(ssrc, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = ssrc;
        values[i] = state;
    }

    private static int slot(int ssrc, int mask) {
        int h = ssrc * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
