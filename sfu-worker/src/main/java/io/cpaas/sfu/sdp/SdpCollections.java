package io.cpaas.sfu.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep insertion order, which {@link Map#copyOf} does not. */
final class SdpCollections {

    private SdpCollections() {
    }

    static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<K, V> copy = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : map.entrySet()) {
            copy.put(java.util.Objects.requireNonNull(e.getKey()), java.util.Objects.requireNonNull(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
