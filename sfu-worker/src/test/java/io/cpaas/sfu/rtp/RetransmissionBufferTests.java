package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RetransmissionBufferTests {

    private final RetransmissionBuffer buffer = new RetransmissionBuffer(8, 100);
    private final RtpPacket packet = new RtpPacket();
    private final byte[] out = new byte[200];

    private byte[] store(int seq, long now) {
        byte[] bytes = new RtpPacketComposer().seq(seq).payload((byte) seq, (byte) (seq >>> 8)).build();
        assertTrue(buffer.store(packet.wrap(bytes, 0, bytes.length), now));
        return bytes;
    }

    @Test
    void returnsAnExactCopyOfAStoredPacket() {
        byte[] original = store(42, 1_000);
        int length = buffer.copyOut(42, out, 10);
        assertEquals(original.length, length);
        assertArrayEquals(original, Arrays.copyOfRange(out, 10, 10 + length));
        assertEquals(1_000, buffer.storedAtMillis(42));
        assertEquals(1, buffer.hitCount());
    }

    @Test
    void keepsItsCopyWhenTheCallerReusesTheSourceBuffer() {
        byte[] original = store(1, 0);
        byte[] snapshot = original.clone();
        Arrays.fill(original, (byte) 0);
        buffer.copyOut(1, out, 0);
        assertArrayEquals(snapshot, Arrays.copyOf(out, snapshot.length));
    }

    @Test
    void holdsALongPacketInASlotWhoseFirstPacketWasShort() {
        RetransmissionBuffer big = new RetransmissionBuffer(8, 1500);
        byte[] small = new RtpPacketComposer().seq(3).payload(new byte[20]).build();
        assertTrue(big.store(packet.wrap(small, 0, small.length), 0));
        byte[] payload = new byte[1200];
        Arrays.fill(payload, (byte) 0x5A);
        byte[] large = new RtpPacketComposer().seq(11).payload(payload).build(); // 11 lands in 3's slot
        assertTrue(big.store(packet.wrap(large, 0, large.length), 1));
        byte[] copy = new byte[1500];
        assertEquals(large.length, big.copyOut(11, copy, 0));
        assertArrayEquals(large, Arrays.copyOf(copy, large.length));
        assertFalse(big.contains(3));
    }

    @Test
    void aNewBufferTakesMemoryOnlyForThePacketsItHolds() {
        long before = HotPathAllocationTests.allocatedBytes();
        RetransmissionBuffer fresh = new RetransmissionBuffer();
        long empty = HotPathAllocationTests.allocatedBytes() - before;
        assertTrue(empty < 32 * 1024, "an empty 512-packet buffer allocated " + empty + " bytes");
        byte[] audio = new RtpPacketComposer().seq(1).payload(new byte[100]).build();
        before = HotPathAllocationTests.allocatedBytes();
        for (int seq = 0; seq < 512; seq++) {
            audio[2] = (byte) (seq >>> 8);
            audio[3] = (byte) seq;
            fresh.store(packet.wrap(audio, 0, audio.length), seq);
        }
        long full = HotPathAllocationTests.allocatedBytes() - before;
        assertTrue(full < 512 * 300, "512 audio-sized packets took " + full + " bytes");
    }

    @Test
    void packetsOfMixedLengthsStopAllocatingOnceTheLongestHasComeBy() {
        // Video: near-MTU packets and the shorter last packet of each frame, in no order a slot can predict.
        RetransmissionBuffer video = new RetransmissionBuffer();
        java.util.Random random = new java.util.Random(7);
        byte[] bytes = new byte[1300];
        long afterFirstLap = 0;
        long before = HotPathAllocationTests.allocatedBytes();
        for (int seq = 0; seq < 4 * 512; seq++) {
            int length = random.nextBoolean() ? 1100 + random.nextInt(100) : 200 + random.nextInt(900);
            bytes[0] = (byte) 0x80;
            bytes[2] = (byte) (seq >>> 8);
            bytes[3] = (byte) seq;
            assertTrue(video.store(packet.wrap(bytes, 0, length), seq));
            if (seq == 511) {
                afterFirstLap = HotPathAllocationTests.allocatedBytes();
            }
        }
        long laterLaps = HotPathAllocationTests.allocatedBytes() - afterFirstLap;
        assertTrue(laterLaps < 8 * 1024, "three more laps allocated " + laterLaps + " bytes");
        assertTrue(afterFirstLap - before < 512 * 1400, "the first lap allocated " + (afterFirstLap - before) + " bytes");
    }

    @Test
    void missesWhatWasNeverStored() {
        assertEquals(-1, buffer.copyOut(5, out, 0), "empty buffer");
        store(10, 0);
        assertEquals(-1, buffer.copyOut(11, out, 0));
        assertFalse(buffer.contains(2)); // same slot as 10, different number
        assertEquals(-1, buffer.storedAtMillis(11));
        assertEquals(2, buffer.missCount());
    }

    @Test
    void overwritesTheOldestWhenFull() {
        for (int seq = 0; seq < 12; seq++) {
            store(seq, seq);
        }
        for (int seq = 0; seq < 4; seq++) {
            assertFalse(buffer.contains(seq), "evicted " + seq);
        }
        for (int seq = 4; seq < 12; seq++) {
            assertTrue(buffer.contains(seq), "kept " + seq);
        }
    }

    @Test
    void holdsPacketsAcrossTheSequenceWrap() {
        for (int seq = 65532; seq < 65532 + 8; seq++) {
            store(seq & 0xFFFF, 0);
        }
        assertTrue(buffer.contains(65535));
        assertTrue(buffer.contains(0));
        assertTrue(buffer.contains(3));
        assertTrue(buffer.copyOut(2, out, 0) > 0);
        assertEquals(2, new RtpPacket().wrap(out, 0, out.length).sequenceNumber());
    }

    @Test
    void refusesPacketsSoOldTheyWouldEvictNewerOnes() {
        for (int seq = 100; seq < 108; seq++) {
            store(seq, 0);
        }
        byte[] old = new RtpPacketComposer().seq(99).build();
        assertFalse(buffer.store(packet.wrap(old, 0, old.length), 0));
        assertTrue(buffer.contains(107));
        assertEquals(1, buffer.rejectedCount());

        byte[] late = new RtpPacketComposer().seq(101).payload((byte) 7).build();
        assertTrue(buffer.store(packet.wrap(late, 0, late.length), 0), "a late packet inside the window is fine");
    }

    @Test
    void refusesOversizedAndInvalidPackets() {
        byte[] big = new RtpPacketComposer().payload(new byte[200]).build();
        assertFalse(buffer.store(packet.wrap(big, 0, big.length), 0));
        byte[] bad = {1, 2, 3};
        assertFalse(buffer.store(packet.wrap(bad, 0, bad.length), 0));
        assertEquals(2, buffer.rejectedCount());
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RetransmissionBuffer(500, 1500));
        assertEquals(512, new RetransmissionBuffer().capacity());
    }

    @Test
    void forgetsEverythingWhenCleared() {
        store(7, 0);
        store(8, 0);
        buffer.clear();
        assertFalse(buffer.contains(7));
        assertFalse(buffer.contains(8));
        store(100, 1); // a fresh start, not a jump 92 ahead of what was held
        assertTrue(buffer.contains(100));
    }
}
