package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTests {

    private static final int SSRC = 0x11223344;

    private static SrtpMasterKey masterKey(SrtpProfile profile) {
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (3 * i + 1);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (7 * i + 5);
        }
        return SrtpMasterKey.of(profile, key, salt);
    }

    /** A pair of sessions under one key: what one side protects, the other unprotects. */
    private record Pair(SrtpSession sender, SrtpSession receiver) {
        static Pair of(SrtpProfile profile) {
            return new Pair(new SrtpSession(masterKey(profile)), new SrtpSession(masterKey(profile)));
        }
    }

    /** RTP v2 with two CSRCs, a one-word header extension and a patterned payload, in a buffer with room. */
    private static byte[] rtp(int ssrc, int seq, int payloadLength) {
        byte[] b = new byte[12 + 8 + 8 + payloadLength + SrtpSession.MAX_RTP_OVERHEAD];
        b[0] = (byte) 0x92; // V=2, X=1, CC=2
        b[1] = 96;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        b[7] = (byte) 160;
        BigEndian.writeInt(b, 8, ssrc);
        BigEndian.writeInt(b, 12, 0xAAAAAAAA);
        BigEndian.writeInt(b, 16, 0xBBBBBBBB);
        b[20] = (byte) 0xBE;
        b[21] = (byte) 0xDE;
        b[23] = 1;
        b[24] = 0x10;
        b[25] = 0x42;
        for (int i = 0; i < payloadLength; i++) {
            b[28 + i] = (byte) (i * 31 + seq);
        }
        return b;
    }

    private static int rtpLength(int payloadLength) {
        return 28 + payloadLength;
    }

    /** A sender report with a one-block report, in a buffer with room. */
    private static byte[] rtcp(int ssrc) {
        byte[] b = new byte[52 + SrtpSession.MAX_RTCP_OVERHEAD];
        b[0] = (byte) 0x81;
        b[1] = (byte) 200;
        b[3] = 12;
        BigEndian.writeInt(b, 4, ssrc);
        for (int i = 8; i < 52; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static final int RTCP_LENGTH = 52;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripRestoresThePacketAndLeavesTheHeaderInTheClear(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] buf = rtp(SSRC, 1000, 1200);
        byte[] original = buf.clone();
        int len = rtpLength(1200);

        int n = p.sender.protectRtp(buf, 0, len);
        assertEquals(len + profile.authTagLength(), n);
        assertArrayEquals(Arrays.copyOf(original, 28), Arrays.copyOf(buf, 28));
        assertFalse(Arrays.equals(Arrays.copyOfRange(original, 28, len), Arrays.copyOfRange(buf, 28, len)));

        assertEquals(len, p.receiver.unprotectRtp(buf, 0, n));
        assertArrayEquals(Arrays.copyOf(original, len), Arrays.copyOf(buf, len));
        assertEquals(1, p.sender.packetCount());
        assertEquals(1, p.receiver.packetCount());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpWithAnEmptyPayloadRoundTrips(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] buf = rtp(SSRC, 5, 0);
        int n = p.sender.protectRtp(buf, 0, rtpLength(0));
        assertEquals(rtpLength(0), p.receiver.unprotectRtp(buf, 0, n));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripEncryptsAfterTheSenderSsrcAndSetsTheEFlag(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        for (int i = 0; i < 3; i++) {
            byte[] buf = rtcp(SSRC);
            byte[] original = buf.clone();
            int n = p.sender.protectRtcp(buf, 0, RTCP_LENGTH);
            assertEquals(RTCP_LENGTH + profile.rtcpOverhead(), n);
            assertArrayEquals(Arrays.copyOf(original, 8), Arrays.copyOf(buf, 8));
            int wordAt = profile.isAead() ? n - 4 : n - 4 - profile.authTagLength();
            assertEquals(0x80000000 | i, readInt(buf, wordAt), "E flag and SRTCP index " + i);

            assertEquals(RTCP_LENGTH, p.receiver.unprotectRtcp(buf, 0, n));
            assertArrayEquals(Arrays.copyOf(original, RTCP_LENGTH), Arrays.copyOf(buf, RTCP_LENGTH));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void anyTamperedByteFailsAuthentication(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] buf = rtp(SSRC, 7, 100);
        int n = p.sender.protectRtp(buf, 0, rtpLength(100));
        for (int at : new int[] {1, 4, 13, 21, 24, 28, 60, n - 11, n - 1}) {
            byte[] tampered = buf.clone();
            tampered[at] ^= 0x01;
            assertEquals(SrtpError.AUTHENTICATION_FAILED, p.receiver.unprotectRtp(tampered, 0, n), "byte " + at);
        }
        assertEquals(9, p.receiver.dropCount(SrtpError.AUTHENTICATION_FAILED));
        assertEquals(0, p.receiver.streamCount(), "no state for an SSRC before a packet authenticates");
        assertEquals(rtpLength(100), p.receiver.unprotectRtp(buf, 0, n));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedRtcpFailsAuthenticationIncludingItsIndexWord(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] buf = rtcp(SSRC);
        int n = p.sender.protectRtcp(buf, 0, RTCP_LENGTH);
        int wordAt = profile.isAead() ? n - 4 : n - 4 - profile.authTagLength();
        for (int at : new int[] {1, 5, 8, 40, wordAt, wordAt + 3, n - 1}) {
            byte[] tampered = buf.clone();
            tampered[at] ^= 0x01;
            assertEquals(SrtpError.AUTHENTICATION_FAILED, p.receiver.unprotectRtcp(tampered, 0, n), "byte " + at);
        }
        byte[] clearedEFlag = buf.clone();
        clearedEFlag[wordAt] &= 0x7F;
        assertEquals(SrtpError.AUTHENTICATION_FAILED, p.receiver.unprotectRtcp(clearedEFlag, 0, n));
        assertEquals(RTCP_LENGTH, p.receiver.unprotectRtcp(buf, 0, n));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedRtpPacketIsRefused(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] buf = rtp(SSRC, 42, 50);
        int n = p.sender.protectRtp(buf, 0, rtpLength(50));
        byte[] copy = buf.clone();
        assertEquals(rtpLength(50), p.receiver.unprotectRtp(buf, 0, n));
        assertEquals(SrtpError.REPLAYED, p.receiver.unprotectRtp(copy, 0, n));
        assertEquals(1, p.receiver.dropCount(SrtpError.REPLAYED));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedRtcpPacketIsRefused(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] buf = rtcp(SSRC);
        int n = p.sender.protectRtcp(buf, 0, RTCP_LENGTH);
        byte[] copy = buf.clone();
        assertEquals(RTCP_LENGTH, p.receiver.unprotectRtcp(buf, 0, n));
        assertEquals(SrtpError.REPLAYED, p.receiver.unprotectRtcp(copy, 0, n));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetOlderThanTheReplayWindowIsRefused(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[][] sent = new byte[101][];
        int[] lengths = new int[101];
        for (int seq = 0; seq <= 100; seq++) {
            sent[seq] = rtp(SSRC, seq, 20);
            lengths[seq] = p.sender.protectRtp(sent[seq], 0, rtpLength(20));
        }
        assertEquals(rtpLength(20), p.receiver.unprotectRtp(sent[100], 0, lengths[100]));
        assertEquals(SrtpError.TOO_OLD, p.receiver.unprotectRtp(sent[36], 0, lengths[36]));
        assertEquals(SrtpError.TOO_OLD, p.receiver.unprotectRtp(sent[0], 0, lengths[0]));
        assertEquals(rtpLength(20), p.receiver.unprotectRtp(sent[37], 0, lengths[37]));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpOlderThanTheReplayWindowIsRefused(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[][] sent = new byte[70][];
        int[] lengths = new int[70];
        for (int i = 0; i < 70; i++) {
            sent[i] = rtcp(SSRC);
            lengths[i] = p.sender.protectRtcp(sent[i], 0, RTCP_LENGTH);
        }
        assertEquals(RTCP_LENGTH, p.receiver.unprotectRtcp(sent[69], 0, lengths[69]));
        assertEquals(SrtpError.TOO_OLD, p.receiver.unprotectRtcp(sent[5], 0, lengths[5]));
        assertEquals(RTCP_LENGTH, p.receiver.unprotectRtcp(sent[6], 0, lengths[6]));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void outOfOrderPacketsWithinTheWindowAreAccepted(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        int[] order = {10, 12, 11, 15, 13, 14, 9, 70, 8 + 63, 20};
        byte[][] sent = new byte[80][];
        int[] lengths = new int[80];
        for (int seq = 0; seq < 80; seq++) {
            sent[seq] = rtp(SSRC, seq, 30);
            lengths[seq] = p.sender.protectRtp(sent[seq], 0, rtpLength(30));
        }
        for (int seq : order) {
            byte[] original = rtp(SSRC, seq, 30);
            assertEquals(rtpLength(30), p.receiver.unprotectRtp(sent[seq], 0, lengths[seq]), "seq " + seq);
            assertArrayEquals(Arrays.copyOf(original, rtpLength(30)), Arrays.copyOf(sent[seq], rtpLength(30)));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sequenceWrapIncrementsTheRolloverCounterOnBothSides(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        int[] seqs = {65533, 65534, 65535, 0, 1, 2};
        byte[][] sent = new byte[seqs.length][];
        int[] lengths = new int[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            sent[i] = rtp(SSRC, seqs[i], 40);
            lengths[i] = p.sender.protectRtp(sent[i], 0, rtpLength(40));
        }
        // The sender used ROC 1 after the wrap: seq 0 under ROC 0 (a fresh session) encrypts differently.
        byte[] rocZero = rtp(SSRC, 0, 40);
        new SrtpSession(masterKey(profile)).protectRtp(rocZero, 0, rtpLength(40));
        assertNotEquals(Hex.encode(rocZero, 28, 40), Hex.encode(sent[3], 28, 40));

        // Delivered out of order across the wrap, everything still decrypts.
        for (int i : new int[] {0, 2, 3, 1, 5, 4}) {
            assertEquals(rtpLength(40), p.receiver.unprotectRtp(sent[i], 0, lengths[i]), "seq " + seqs[i]);
            assertArrayEquals(Arrays.copyOf(rtp(SSRC, seqs[i], 40), rtpLength(40)),
                    Arrays.copyOf(sent[i], rtpLength(40)));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void severalWrapsInARowKeepBothSidesInStep(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        int seq = 60000;
        for (int i = 0; i < 3 * 65536 + 100; i += 997) {
            byte[] buf = rtp(SSRC, (seq + i) & 0xFFFF, 8);
            int n = p.sender.protectRtp(buf, 0, rtpLength(8));
            assertEquals(rtpLength(8), p.receiver.unprotectRtp(buf, 0, n), "step " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectRefusesToReuseAnIndex(SrtpProfile profile) {
        SrtpSession sender = new SrtpSession(masterKey(profile));
        assertTrue(sender.protectRtp(rtp(SSRC, 9, 10), 0, rtpLength(10)) > 0);
        assertEquals(SrtpError.REPLAYED, sender.protectRtp(rtp(SSRC, 9, 10), 0, rtpLength(10)));
        assertTrue(sender.protectRtp(rtp(SSRC, 8, 10), 0, rtpLength(10)) > 0, "a late, never-sent index is fine");
        assertTrue(sender.protectRtp(rtp(SSRC + 1, 9, 10), 0, rtpLength(10)) > 0, "another SSRC is another stream");
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedPacketsDoNotMoveTheReplayWindow(SrtpProfile profile) {
        Pair p = Pair.of(profile);
        byte[] first = rtp(SSRC, 100, 10);
        int n1 = p.sender.protectRtp(first, 0, rtpLength(10));
        assertEquals(rtpLength(10), p.receiver.unprotectRtp(first, 0, n1));

        byte[] forged = rtp(SSRC, 30000, 10);
        Arrays.fill(forged, 28, rtpLength(10) + profile.authTagLength(), (byte) 0x5A);
        assertEquals(SrtpError.AUTHENTICATION_FAILED,
                p.receiver.unprotectRtp(forged, 0, rtpLength(10) + profile.authTagLength()));

        byte[] next = rtp(SSRC, 101, 10);
        int n2 = p.sender.protectRtp(next, 0, rtpLength(10));
        assertEquals(rtpLength(10), p.receiver.unprotectRtp(next, 0, n2));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectNeedsRoomForTheTag(SrtpProfile profile) {
        SrtpSession sender = new SrtpSession(masterKey(profile));
        byte[] full = Arrays.copyOf(rtp(SSRC, 1, 10), rtpLength(10) + profile.authTagLength() - 1);
        assertEquals(SrtpError.NO_ROOM_FOR_TAG, sender.protectRtp(full, 0, rtpLength(10)));
        byte[] rtcpFull = Arrays.copyOf(rtcp(SSRC), RTCP_LENGTH + profile.rtcpOverhead() - 1);
        assertEquals(SrtpError.NO_ROOM_FOR_TAG, sender.protectRtcp(rtcpFull, 0, RTCP_LENGTH));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void streamsBeyondTheCapAreRefusedUntilOneIsRemoved(SrtpProfile profile) {
        SrtpSession sender = new SrtpSession(masterKey(profile), 2);
        SrtpSession receiver = new SrtpSession(masterKey(profile), 2);
        byte[][] packets = new byte[3][];
        int[] lengths = new int[3];
        for (int s = 0; s < 3; s++) {
            packets[s] = rtp(100 + s, 1, 10);
            lengths[s] = new SrtpSession(masterKey(profile)).protectRtp(packets[s], 0, rtpLength(10));
        }
        assertTrue(receiver.unprotectRtp(packets[0], 0, lengths[0]) > 0);
        assertTrue(receiver.unprotectRtp(packets[1], 0, lengths[1]) > 0);
        assertEquals(SrtpError.TOO_MANY_STREAMS, receiver.unprotectRtp(packets[2].clone(), 0, lengths[2]));
        assertTrue(receiver.removeStream(100));
        assertEquals(1, receiver.streamCount());
        assertTrue(receiver.unprotectRtp(packets[2], 0, lengths[2]) > 0);

        assertTrue(sender.protectRtp(rtp(1, 1, 10), 0, rtpLength(10)) > 0);
        assertTrue(sender.protectRtcp(rtcp(2), 0, RTCP_LENGTH) > 0);
        assertEquals(SrtpError.TOO_MANY_STREAMS, sender.protectRtp(rtp(3, 1, 10), 0, rtpLength(10)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void malformedPacketsAreRefusedWithoutTouchingState(SrtpProfile profile) {
        SrtpSession s = new SrtpSession(masterKey(profile));
        byte[] b = rtp(SSRC, 1, 10);
        assertEquals(SrtpError.MALFORMED, s.unprotectRtp(b, 0, 11), "shorter than a header");
        assertEquals(SrtpError.MALFORMED, s.unprotectRtp(b, 0, 28 + profile.authTagLength() - 1), "no room for a tag");
        assertEquals(SrtpError.MALFORMED, s.protectRtp(b, 0, 24), "extension runs past the end");
        assertEquals(SrtpError.MALFORMED, s.protectRtp(b, -1, 20), "negative offset");
        assertEquals(SrtpError.MALFORMED, s.protectRtp(b, 10, b.length), "past the buffer");
        assertEquals(SrtpError.MALFORMED, s.unprotectRtp(null, 0, 0));
        byte[] v1 = b.clone();
        v1[0] = 0x52;
        assertEquals(SrtpError.MALFORMED, s.protectRtp(v1, 0, rtpLength(10)), "version 1");
        assertEquals(SrtpError.MALFORMED, s.protectRtcp(rtcp(SSRC), 0, 7));
        assertEquals(SrtpError.MALFORMED, s.unprotectRtcp(rtcp(SSRC), 0, 8 + 4 + profile.authTagLength() - 1));
        assertEquals(0, s.streamCount());
        assertEquals(9, s.dropCount(SrtpError.MALFORMED));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void boundedRandomGarbageNeverThrows(SrtpProfile profile) {
        SrtpSession s = new SrtpSession(masterKey(profile), 8);
        Random random = new Random(7);
        byte[] buf = new byte[1600];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(buf);
            if (random.nextBoolean()) {
                buf[0] = (byte) (0x80 | (buf[0] & 0x3F)); // looks like version 2, so it reaches the crypto
            }
            int off = random.nextInt(64) - 4;
            int len = random.nextInt(1540) - 4;
            int kind = random.nextInt(4);
            int result = switch (kind) {
                case 0 -> s.unprotectRtp(buf, off, len);
                case 1 -> s.unprotectRtcp(buf, off, len);
                case 2 -> s.protectRtp(buf, off, len);
                default -> s.protectRtcp(buf, off, len);
            };
            if (kind < 2) {
                assertTrue(result < 0, "random bytes must not authenticate");
            }
        }
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
