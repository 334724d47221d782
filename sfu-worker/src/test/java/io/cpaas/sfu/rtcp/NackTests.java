package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NackTests {

    private final int[] lost = new int[1024];

    private int[] parse(byte[] b, int len) {
        int n = Nack.lostSequenceNumbers(b, 0, len, lost);
        return Arrays.copyOf(lost, n);
    }

    private byte[] write(int... seqs) {
        byte[] out = new byte[Nack.maxLength(seqs.length)];
        int len = Nack.write(out, 0, 0x11111111, 0x22222222, seqs, 0, seqs.length);
        return Arrays.copyOf(out, len);
    }

    @Test
    void readsPidAndBitmaskOfAHandBuiltNack() {
        // PID 100, BLP 0b1000_0000_0000_0101: 101, 103 and 116 lost too
        byte[] b = Hex.bytes("81CD0003 11111111 22222222 00648005");
        assertEquals(0x11111111, FeedbackPacket.senderSsrc(b, 0));
        assertEquals(0x22222222, FeedbackPacket.mediaSsrc(b, 0));
        assertEquals(4, Nack.lostCount(b, 0, b.length));
        assertArrayEquals(new int[] {100, 101, 103, 116}, parse(b, b.length));
    }

    @Test
    void readsSeveralEntriesAndWrapsTheBitmaskPast65535() {
        byte[] b = Hex.bytes("81CD0004 11111111 22222222 FFFE0003 00100000");
        assertArrayEquals(new int[] {65534, 65535, 0, 16}, parse(b, b.length));
        assertEquals(2, Nack.entryCount(b.length));
    }

    @Test
    void writesTheHandBuiltLayout() {
        assertArrayEquals(Hex.bytes("81CD0003 11111111 22222222 00648005"), write(100, 101, 103, 116));
    }

    @Test
    void packsSixteenFollowersIntoOneEntryAndStartsAnotherAfter() {
        int[] seventeen = new int[17];
        for (int i = 0; i < 17; i++) {
            seventeen[i] = 1000 + i;
        }
        byte[] one = write(seventeen);
        assertEquals(16, one.length);
        assertEquals(0xFFFF, RtcpHeader.u16(one, 14));

        int[] eighteen = Arrays.copyOf(seventeen, 18);
        eighteen[17] = 1017;
        byte[] two = write(eighteen);
        assertEquals(20, two.length);
        assertArrayEquals(eighteen, parse(two, two.length));
    }

    @Test
    void packsAcrossTheSequenceWrap() {
        byte[] b = write(65534, 65535, 0, 1);
        assertEquals(16, b.length, "one entry");
        assertArrayEquals(new int[] {65534, 65535, 0, 1}, parse(b, b.length));
    }

    @Test
    void acceptsUnsortedInputAndDuplicates() {
        byte[] b = write(50, 10, 11, 50, 10);
        TreeSet<Integer> reported = new TreeSet<>();
        for (int s : parse(b, b.length)) {
            reported.add(s);
        }
        assertEquals(new TreeSet<>(Arrays.asList(10, 11, 50)), reported);
    }

    @Test
    void roundTripsRandomLossPatterns() {
        Random random = new Random(4585);
        for (int round = 0; round < 500; round++) {
            int start = random.nextInt(65536);
            TreeSet<Integer> offsets = new TreeSet<>();
            int count = 1 + random.nextInt(60);
            while (offsets.size() < count) {
                offsets.add(random.nextInt(300));
            }
            int[] seqs = offsets.stream().mapToInt(o -> (start + o) & 0xFFFF).toArray();
            byte[] b = write(seqs);
            assertArrayEquals(seqs, parse(b, b.length), "round " + round);
            RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(b, 0, b.length);
            assertTrue(it.next());
        }
    }

    @Test
    void stopsFillingWhenTheDestinationIsFull() {
        byte[] b = write(1, 2, 3, 4, 5);
        int[] small = new int[3];
        assertEquals(3, Nack.lostSequenceNumbers(b, 0, b.length, small));
        assertArrayEquals(new int[] {1, 2, 3}, small);
    }

    @Test
    void refusesAnEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> Nack.write(new byte[100], 0, 1, 2, new int[0], 0, 0));
    }
}
