package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsrcTableTests {

    @Test
    void addedStreamsAreFoundAndOthersAreNot() {
        SsrcTable t = new SsrcTable(100);
        SrtpStreamState a = t.add(0xDEADBEEF);
        SrtpStreamState b = t.add(0);
        assertSame(a, t.get(0xDEADBEEF));
        assertSame(b, t.get(0));
        assertNull(t.get(1));
        assertEquals(2, t.size());
    }

    @Test
    void tableReportsFullAtItsCap() {
        SsrcTable t = new SsrcTable(3);
        t.add(1);
        t.add(2);
        assertFalse(t.isFull());
        t.add(3);
        assertTrue(t.isFull());
    }

    @Test
    void randomAddsAndRemovesAgreeWithAHashMap() {
        Random random = new Random(42);
        SsrcTable t = new SsrcTable(10_000);
        Map<Integer, SrtpStreamState> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // A small key space forces collisions, probing chains and backward shifts on removal.
            int ssrc = random.nextInt(300) * 0x10000;
            if (random.nextBoolean()) {
                if (!reference.containsKey(ssrc)) {
                    reference.put(ssrc, t.add(ssrc));
                }
            } else {
                assertEquals(reference.remove(ssrc) != null, t.remove(ssrc));
            }
            if (step % 1000 == 0) {
                for (int k = 0; k < 300; k++) {
                    assertSame(reference.get(k * 0x10000), t.get(k * 0x10000));
                }
            }
        }
        assertEquals(reference.size(), t.size());
    }
}
