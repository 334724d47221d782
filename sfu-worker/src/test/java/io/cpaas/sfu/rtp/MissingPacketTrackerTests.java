package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cpaas.sfu.rtcp.Nack;
import io.cpaas.sfu.rtp.MissingPacketTracker.Arrival;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MissingPacketTrackerTests {

    private static final long RETRY = 40;

    private final MissingPacketTracker tracker = new MissingPacketTracker(64, 32, 3, 1000);
    private final int[] due = new int[64];

    private int[] dueAt(long nowMillis) {
        return Arrays.copyOf(due, tracker.due(nowMillis, RETRY, due, due.length));
    }

    private void receive(long nowMillis, int... sequenceNumbers) {
        for (int seq : sequenceNumbers) {
            tracker.onPacket(seq, nowMillis);
        }
    }

    @Test
    void aStreamWithoutGapsHasNothingToAskFor() {
        for (int seq = 0; seq < 1000; seq++) {
            assertEquals(Arrival.IN_ORDER, tracker.onPacket(seq, seq));
        }
        assertEquals(0, tracker.missing());
        assertArrayEquals(new int[0], dueAt(1000));
        assertEquals(0, tracker.gaps());
    }

    @Test
    void aGapIsAskedForAtOnceOldestFirst() {
        receive(0, 10, 11);
        assertEquals(Arrival.AFTER_GAP, tracker.onPacket(15, 5));
        assertEquals(3, tracker.missing());
        assertArrayEquals(new int[] {12, 13, 14}, dueAt(5));
        assertEquals(3, tracker.requested());
    }

    @Test
    void aPacketIsAskedForAgainOnlyAfterTheRetryInterval() {
        receive(0, 1, 3);
        assertArrayEquals(new int[] {2}, dueAt(0));
        assertArrayEquals(new int[0], dueAt(RETRY - 1));
        assertArrayEquals(new int[] {2}, dueAt(RETRY));
        assertArrayEquals(new int[0], dueAt(RETRY + 10));
        assertArrayEquals(new int[] {2}, dueAt(2 * RETRY));
    }

    @Test
    void aPacketIsAskedForAtMostMaxNacksTimesThenGivenUpAfterOneMoreInterval() {
        receive(0, 1, 3);
        int asked = 0;
        for (long now = 0; now <= 10 * RETRY; now += RETRY) {
            asked += dueAt(now).length;
        }
        assertEquals(3, asked);
        assertEquals(0, tracker.missing());
        assertEquals(1, tracker.givenUp());
    }

    @Test
    void aPacketOlderThanMaxAgeIsGivenUpEvenIfAskedForLessOften() {
        MissingPacketTracker slow = new MissingPacketTracker(64, 32, 5, 100);
        slow.onPacket(1, 0);
        slow.onPacket(3, 0);
        assertEquals(1, slow.due(0, 1000, due, due.length));
        assertEquals(0, slow.due(100, 1000, due, due.length));
        assertEquals(0, slow.due(101, 1000, due, due.length));
        assertEquals(1, slow.givenUp());
        assertEquals(0, slow.missing());
    }

    @Test
    void aRepairAfterTheNackIsLateAndCountedRecovered() {
        receive(0, 1, 3);
        dueAt(0);
        assertEquals(Arrival.LATE, tracker.onPacket(2, 20));
        assertEquals(1, tracker.recovered());
        assertEquals(0, tracker.missing());
        assertArrayEquals(new int[0], dueAt(100));
    }

    @Test
    void aSecondCopyOfARepairOrOfAnyPacketIsADuplicate() {
        receive(0, 1, 3);
        dueAt(0);
        tracker.onPacket(2, 20);
        assertEquals(Arrival.DUPLICATE, tracker.onPacket(2, 30), "the second repair");
        assertEquals(Arrival.DUPLICATE, tracker.onPacket(3, 30), "a probe resending what arrived");
        assertEquals(Arrival.DUPLICATE, tracker.onPacket(1, 30));
        assertEquals(3, tracker.duplicates());
    }

    @Test
    void aReorderedPacketFillsItsGapWithoutCountingAsRecovered() {
        receive(0, 1, 3);
        assertEquals(Arrival.LATE, tracker.onPacket(2, 1), "reordered before any NACK");
        assertEquals(0, tracker.recovered());
        assertEquals(0, tracker.missing());
        assertArrayEquals(new int[0], dueAt(1));
    }

    @Test
    void aPacketArrivingAfterItWasGivenUpOnIsStillLateNotADuplicate() {
        receive(0, 1, 3);
        for (long now = 0; now <= 10 * RETRY; now += RETRY) {
            dueAt(now);
        }
        assertEquals(1, tracker.givenUp());
        assertEquals(Arrival.LATE, tracker.onPacket(2, 500));
        assertEquals(Arrival.DUPLICATE, tracker.onPacket(2, 501));
    }

    @Test
    void gapsAcrossTheSequenceWrapAreAskedForWithTheirSixteenBitNumbers() {
        receive(0, 65533, 65534);
        assertEquals(Arrival.AFTER_GAP, tracker.onPacket(2, 0));
        assertArrayEquals(new int[] {65535, 0, 1}, dueAt(0));
        assertEquals(Arrival.LATE, tracker.onPacket(0, 10));
        assertEquals(Arrival.LATE, tracker.onPacket(65535, 10));
        assertArrayEquals(new int[] {1}, dueAt(RETRY));
        assertEquals(Arrival.IN_ORDER, tracker.onPacket(3, 50));
    }

    @Test
    void keepsCountingOverManyWraps() {
        long now = 0;
        int lost = 0;
        for (int i = 0; i < 3 * 65536; i++, now++) {
            int seq = (i + 60000) & 0xFFFF;
            if (i % 100 == 50) {
                lost++;
                continue;
            }
            Arrival arrival = tracker.onPacket(seq, now);
            assertEquals(i % 100 == 51 ? Arrival.AFTER_GAP : Arrival.IN_ORDER, arrival, "packet " + i);
            int n = tracker.due(now, RETRY, due, due.length);
            if (i % 100 == 51) {
                assertEquals(1, n);
                assertEquals((seq - 1) & 0xFFFF, due[0]);
                assertEquals(Arrival.LATE, tracker.onPacket(due[0], now));
            }
        }
        assertEquals(lost, tracker.recovered());
        assertEquals(0, tracker.givenUp());
    }

    @Test
    void oldPacketsBeforeTheFirstOrPastTheRingAreDuplicates() {
        receive(0, 1000);
        assertEquals(Arrival.DUPLICATE, tracker.onPacket(999, 1), "before the first: nothing known, never forwarded twice");
        for (int seq = 1001; seq < 1200; seq++) {
            tracker.onPacket(seq, 2);
        }
        assertEquals(Arrival.DUPLICATE, tracker.onPacket(1100, 3), "older than the 64-slot ring");
    }

    @Test
    void aJumpLongerThanMaxGapGivesUpEverythingAndAsksForNothing() {
        receive(0, 1, 3);
        assertEquals(Arrival.JUMP, tracker.onPacket(3 + 33 + 1, 1));
        assertEquals(0, tracker.missing());
        assertEquals(1, tracker.givenUp());
        assertArrayEquals(new int[0], dueAt(2));
        assertEquals(Arrival.IN_ORDER, tracker.onPacket(38, 3));
    }

    @Test
    void theLongestRepairableGapIsAskedForInFull() {
        receive(0, 100);
        assertEquals(Arrival.AFTER_GAP, tracker.onPacket(100 + 32 + 1, 0));
        assertEquals(32, tracker.missing());
        assertEquals(32, dueAt(0).length);
    }

    @Test
    void missingPacketsPushedOutOfTheRingAreGivenUp() {
        MissingPacketTracker small = new MissingPacketTracker(16, 8, 3, 10_000);
        small.onPacket(0, 0);
        small.onPacket(2, 0); // 1 missing
        for (int seq = 3; seq < 20; seq++) {
            small.onPacket(seq, 0);
        }
        assertEquals(0, small.missing(), "slot 1 was taken by 17");
        assertEquals(1, small.givenUp());
        assertEquals(Arrival.DUPLICATE, small.onPacket(1, 1));
    }

    @Test
    void aNackAsksForAtMostWhatFitsAndTheRestFollowsNextTime() {
        receive(0, 0, 31);
        int[] few = new int[4];
        assertEquals(4, tracker.due(0, RETRY, few, 10));
        assertArrayEquals(new int[] {1, 2, 3, 4}, few);
        assertEquals(4, tracker.due(0, RETRY, few, 4));
        assertArrayEquals(new int[] {5, 6, 7, 8}, few);
    }

    @Test
    void whatIsDueBecomesANackNamingExactlyTheMissingNumbers() {
        receive(0, 65530, 65531, 65533, 2, 3, 30);
        int[] seqs = dueAt(0);
        byte[] packet = new byte[Nack.maxLength(seqs.length)];
        int length = Nack.write(packet, 0, 1, 0x11223344, seqs, 0, seqs.length);
        // RFC 4585 §6.2.1: V=2 FMT=1, PT=205; PID 65532 with 65534, 65535, 0, 1 (BLP bits 1-4) and 4..12 (bits 7-15),
        // then PID 13 with 14..29 (all 16 bits).
        assertEquals(0x81, packet[0] & 0xFF);
        assertEquals(205, packet[1] & 0xFF);
        assertEquals(length / 4 - 1, ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF));
        int[] parsed = new int[64];
        int n = Nack.lostSequenceNumbers(packet, 0, length, parsed);
        assertArrayEquals(seqs, Arrays.copyOf(parsed, n));
        assertEquals(2, Nack.entryCount(length));
        assertEquals(65532, ((packet[12] & 0xFF) << 8) | (packet[13] & 0xFF));
        assertEquals(0b1111 << 1 | 0x1FF << 7, ((packet[14] & 0xFF) << 8) | (packet[15] & 0xFF));
        assertEquals(13, ((packet[16] & 0xFF) << 8) | (packet[17] & 0xFF));
        assertEquals(0xFFFF, ((packet[18] & 0xFF) << 8) | (packet[19] & 0xFF));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new MissingPacketTracker(100, 10, 3, 1000));
        assertThrows(IllegalArgumentException.class, () -> new MissingPacketTracker(64, 33, 3, 1000));
        assertThrows(IllegalArgumentException.class, () -> new MissingPacketTracker(64, 32, 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new MissingPacketTracker(64, 32, 3, 0));
    }
}
