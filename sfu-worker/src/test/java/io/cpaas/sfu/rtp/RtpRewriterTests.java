package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpRewriterTests {

    private static final int OUT_SSRC = 0x0BADCAFE;
    private final RtpRewriter rewriter = RtpRewriter.forVideo(OUT_SSRC);
    private final RtpPacket packet = new RtpPacket();

    /** Forwards one packet and returns it re-read, or null if dropped. */
    private RtpPacket forward(int ssrc, int seq, int ts, long nowMillis) {
        byte[] bytes = new RtpPacketComposer().ssrc(ssrc).seq(seq).ts(ts).build();
        packet.wrap(bytes, 0, bytes.length);
        if (!rewriter.rewrite(packet, nowMillis)) {
            return null;
        }
        return new RtpPacket().wrap(bytes, 0, bytes.length);
    }

    @Test
    void passesTheFirstSourceThroughUnderTheOutgoingSsrc() {
        RtpPacket out = forward(1, 500, 90_000, 0);
        assertEquals(OUT_SSRC, out.ssrc());
        assertEquals(500, out.sequenceNumber());
        assertEquals(90_000, out.timestamp());
    }

    @Test
    void continuesSequenceAndTimestampAcrossASourceSwitch() {
        forward(1, 100, 1_000, 0);
        forward(1, 101, 4_000, 33);   // frame interval 3000 observed
        forward(1, 102, 4_000, 34);   // same frame

        RtpPacket first = forward(2, 40_000, 7_777_777, 40); // new source, far-off numbers
        assertEquals(103, first.sequenceNumber(), "sequence continues without a gap");
        assertEquals(7_000, first.timestamp(), "timestamp jumps by one frame interval (6 ms < 1 frame)");
        assertEquals(OUT_SSRC, first.ssrc());

        RtpPacket second = forward(2, 40_001, 7_780_777, 73);
        assertEquals(104, second.sequenceNumber());
        assertEquals(10_000, second.timestamp(), "offsets of the new source hold");
        assertEquals(1, rewriter.switches());
    }

    @Test
    void jumpsTheTimestampByElapsedTimeAfterAPause() {
        forward(1, 10, 0, 1_000);
        RtpPacket out = forward(2, 999, 123, 3_000); // 2 s later
        assertEquals(11, out.sequenceNumber());
        assertEquals(180_000, out.timestamp(), "2 s at 90 kHz");
    }

    @Test
    void keepsContinuityWhenTheOutgoingSequenceWraps() {
        forward(1, 65534, 0, 0);
        forward(1, 65535, 3_000, 33);
        RtpPacket out = forward(2, 7, 50, 34);
        assertEquals(0, out.sequenceNumber());
        RtpPacket next = forward(2, 8, 3_050, 66);
        assertEquals(1, next.sequenceNumber());
    }

    @Test
    void continuesTheTimestampAcrossItsOwn32BitWrap() {
        forward(1, 1, 0xFFFFFF00, 0);
        RtpPacket out = forward(2, 1, 5, 1);
        assertEquals(0xFFFFFF00 + 3_000, out.timestamp());
        assertTrue(Integer.compareUnsigned(out.timestamp(), 0x1000) < 0, "wrapped past zero");
    }

    @Test
    void passesReorderingAndLossWithinASourceThrough() {
        forward(1, 10, 0, 0);
        forward(2, 500, 0, 10); // switch: 500 -> 11
        assertEquals(14, forward(2, 503, 0, 11).sequenceNumber(), "a loss stays a gap the subscriber can NACK");
        assertEquals(12, forward(2, 501, 0, 12).sequenceNumber(), "a late packet keeps its place");
        assertEquals(13, forward(2, 502, 0, 12).sequenceNumber());
        assertEquals(14, rewriter.highestOutgoingSequenceNumber());
    }

    @Test
    void dropsPacketsOfTheNewSourceFromBeforeTheSwitchPoint() {
        forward(1, 10, 0, 0);
        forward(1, 11, 0, 1);
        forward(2, 500, 0, 2);
        RtpPacket stale = forward(2, 499, 0, 3); // would collide with outgoing 11
        assertEquals(null, stale);
        assertEquals(1, rewriter.dropped());
        assertEquals(13, forward(2, 501, 0, 4).sequenceNumber());
    }

    @Test
    void switchingBackAndForthNeverRepeatsOrSkipsNumbers() {
        int expected = 1000;
        forward(1, 1000, 0, 0);
        int[] seqs = {1000, 2000, 3000};
        for (int round = 0; round < 30; round++) {
            int ssrc = 1 + round % 3;
            int base = seqs[round % 3];
            for (int i = 1; i <= 5; i++) {
                expected = (expected + 1) & 0xFFFF;
                RtpPacket out = forward(ssrc, base + i, 3_000 * (base + i), round * 200L + i * 33L);
                assertEquals(expected, out.sequenceNumber());
            }
            seqs[round % 3] = base + 5;
        }
    }

    @Test
    void timestampsNeverGoBackwardsAcrossSwitches() {
        int lastTs = 0;
        long now = 0;
        for (int round = 0; round < 20; round++) {
            int ssrc = round % 2 == 0 ? 7 : 8;
            int tsBase = round % 2 == 0 ? 1_000_000_000 : 5; // sources far apart on the clock
            for (int i = 0; i < 3; i++) {
                now += 33;
                RtpPacket out = forward(ssrc, round * 10 + i, tsBase + round * 9_000 + i * 3_000, now);
                if (round > 0 || i > 0) {
                    assertTrue(out.timestamp() - lastTs > 0, "timestamp advanced at round " + round);
                }
                lastTs = out.timestamp();
            }
        }
    }

    @Test
    void mapsSourceTimestampsForSenderReports() {
        forward(1, 1, 1_000, 0);
        forward(2, 1, 50_000, 10);
        assertEquals(1_000 + 3_000 + 90_000, rewriter.mapTimestamp(50_000 + 90_000));
        assertEquals(3, rewriter.mapSequenceNumber(2));
        assertEquals(2, rewriter.currentSourceSsrc());
    }

    @Test
    void usesTheAudioFrameIntervalForAudio() {
        RtpRewriter audio = RtpRewriter.forAudio(9);
        byte[] a = new RtpPacketComposer().ssrc(1).seq(1).ts(0).build();
        audio.rewrite(packet.wrap(a, 0, a.length), 0);
        byte[] b = new RtpPacketComposer().ssrc(2).seq(77).ts(12345).build();
        audio.rewrite(packet.wrap(b, 0, b.length), 5);
        assertEquals(960, new RtpPacket().wrap(b, 0, b.length).timestamp());
        assertFalse(audio.switches() == 0);
    }

    /** Leaves a packet out, as the router does with silent audio. */
    private void skip(int ssrc, int seq, int ts) {
        byte[] bytes = new RtpPacketComposer().ssrc(ssrc).seq(seq).ts(ts).build();
        rewriter.skip(packet.wrap(bytes, 0, bytes.length));
    }

    @Test
    void skippedPacketsTakeNoNumberSoTheSubscriberSeesNoLoss() {
        forward(1, 100, 0, 0);
        forward(1, 101, 3_000, 33);
        skip(1, 102, 6_000);
        skip(1, 103, 9_000);
        skip(1, 104, 12_000);
        RtpPacket resumed = forward(1, 105, 15_000, 166);
        assertEquals(102, resumed.sequenceNumber(), "right after the last forwarded packet");
        assertEquals(15_000, resumed.timestamp(), "time goes on as the publisher's clock says");
        RtpPacket next = forward(1, 106, 18_000, 200);
        assertEquals(103, next.sequenceNumber());
        assertEquals(3, rewriter.skipped());
        assertEquals(3_000, rewriter.frameInterval(), "the step across the skipped packets is still one frame");
    }

    @Test
    void aLatePacketFromBeforeASkipIsDroppedRatherThanGivenATakenNumber() {
        forward(1, 100, 0, 0);
        skip(1, 102, 6_000); // 101 is late
        forward(1, 103, 9_000, 100);
        assertNull(forward(1, 101, 3_000, 120), "101's number now belongs to 103");
        assertEquals(1, rewriter.skipped());
    }

    @Test
    void aGapFromUpstreamLossStaysAGapAcrossASkip() {
        forward(1, 100, 0, 0);
        skip(1, 102, 6_000); // 101 was lost on the way in
        RtpPacket resumed = forward(1, 103, 9_000, 100);
        assertEquals(102, resumed.sequenceNumber(), "one number left free for the lost packet, none for the skipped one");
    }

    @Test
    void skipsBeforeTheFirstPacketOrOfAnotherSourceChangeNothing() {
        skip(1, 50, 0);
        assertEquals(51, forward(1, 51, 3_000, 0).sequenceNumber(), "nothing to close before the first packet");
        skip(2, 9, 0);
        skip(1, 40, 0); // older than the newest seen
        assertEquals(52, forward(1, 52, 6_000, 33).sequenceNumber());
        assertEquals(0, rewriter.skipped());
    }
}
