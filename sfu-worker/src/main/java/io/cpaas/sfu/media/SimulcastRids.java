package io.cpaas.sfu.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders a publisher's simulcast rids lowest layer first. The SDK names its layers {@code q}, {@code h}
 * and {@code f} (quarter, half and full resolution, as LiveKit does), which are ordered by name; other
 * clients are taken in the order their offer lists the rids, which is their {@code sendEncodings}
 * order (Chromium's and most SDKs' habit: lowest first). At most {@link DownTrack#MAX_LAYERS} are kept.
 */
final class SimulcastRids {

    private static final List<String> KNOWN = List.of("q", "h", "f");

    private SimulcastRids() {
    }

    static List<String> lowestFirst(List<String> rids) {
        List<String> ordered = new ArrayList<>(rids);
        if (KNOWN.containsAll(ordered)) {
            ordered.sort((a, b) -> Integer.compare(KNOWN.indexOf(a), KNOWN.indexOf(b)));
        }
        return List.copyOf(ordered.subList(0, Math.min(DownTrack.MAX_LAYERS, ordered.size())));
    }
}
