package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketTests {

    private final RtpPacket packet = new RtpPacket();

    @Test
    void readsEveryFixedHeaderFieldOfAHandBuiltPacket() {
        byte[] bytes = {
            (byte) 0x80, (byte) 0xE0, 0x12, 0x34, // V=2, M=1, PT=96, seq 0x1234
            (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, // timestamp
            (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, // SSRC
            9, 8, 7};
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.isValid());
        assertEquals(2, packet.version());
        assertTrue(packet.marker());
        assertEquals(96, packet.payloadType());
        assertEquals(0x1234, packet.sequenceNumber());
        assertEquals(0xDEADBEEF, packet.timestamp());
        assertEquals(0xCAFEBABE, packet.ssrc());
        assertEquals(12, packet.headerLength());
        assertEquals(12, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(0, packet.paddingLength());
        assertEquals(-1, packet.extensionProfile());
    }

    @Test
    void honoursTheOffsetIntoALargerBuffer() {
        byte[] inner = new RtpPacketComposer().seq(7).payload((byte) 42).build();
        byte[] outer = new byte[inner.length + 20];
        Arrays.fill(outer, (byte) 0xFF);
        System.arraycopy(inner, 0, outer, 10, inner.length);

        packet.wrap(outer, 10, inner.length);

        assertTrue(packet.isValid());
        assertEquals(7, packet.sequenceNumber());
        assertEquals(22, packet.payloadOffset());
        assertEquals(42, outer[packet.payloadOffset()]);
    }

    @Test
    void skipsCsrcsToFindThePayload() {
        byte[] bytes = new RtpPacketComposer().csrcs(0x01020304, 0x05060708).payload((byte) 5).build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.isValid());
        assertEquals(2, packet.csrcCount());
        assertEquals(0x05060708, packet.csrc(1));
        assertEquals(20, packet.headerLength());
        assertEquals(1, packet.payloadLength());
        assertThrows(IndexOutOfBoundsException.class, () -> packet.csrc(2));
    }

    @Test
    void excludesPaddingFromThePayload() {
        byte[] bytes = new RtpPacketComposer().payload((byte) 1, (byte) 2).padding(4).build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.isValid());
        assertTrue(packet.hasPadding());
        assertEquals(4, packet.paddingLength());
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void acceptsAPaddingOnlyPacketAsChromiumSendsForProbing() {
        byte[] bytes = new RtpPacketComposer().payload().padding(200).build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.isValid());
        assertEquals(0, packet.payloadLength());
    }

    @Test
    void refusesWrongVersionShortPacketsAndOverlongHeaders() {
        byte[] good = new RtpPacketComposer().build();

        byte[] version1 = good.clone();
        version1[0] = (byte) 0x40;
        assertFalse(packet.wrap(version1, 0, version1.length).isValid());

        assertFalse(packet.wrap(good, 0, 11).isValid());

        byte[] tooManyCsrcs = good.clone();
        tooManyCsrcs[0] = (byte) 0x8F; // 15 CSRCs announced, none present
        assertFalse(packet.wrap(tooManyCsrcs, 0, tooManyCsrcs.length).isValid());

        assertFalse(packet.wrap(good, 5, good.length).isValid(), "range beyond the array");
        assertFalse(packet.wrap(null, 0, 0).isValid());
    }

    @Test
    void refusesAnExtensionBlockThatRunsPastThePacket() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions().element(1, (byte) 1).payload().build();
        bytes[15] = 5; // extension length: 5 words, only 1 present
        assertFalse(packet.wrap(bytes, 0, bytes.length).isValid());

        byte[] noRoomForExtensionHeader = new RtpPacketComposer().payload((byte) 1, (byte) 2).build();
        noRoomForExtensionHeader[0] |= 0x10;
        assertFalse(packet.wrap(noRoomForExtensionHeader, 0, noRoomForExtensionHeader.length).isValid());
    }

    @Test
    void refusesZeroOrOversizedPaddingCounts() {
        byte[] zero = new RtpPacketComposer().payload((byte) 1, (byte) 0).build();
        zero[0] |= 0x20;
        assertFalse(packet.wrap(zero, 0, zero.length).isValid());

        byte[] oversized = new RtpPacketComposer().payload((byte) 1, (byte) 4).build();
        oversized[0] |= 0x20; // 4 padding bytes claimed, only 2 bytes after the header
        assertFalse(packet.wrap(oversized, 0, oversized.length).isValid());
    }

    @Test
    void setsFieldsInPlaceWithoutDisturbingNeighbours() {
        byte[] bytes = new RtpPacketComposer().payloadType(111).marker(true).seq(1).ts(2).ssrc(3).build();
        packet.wrap(bytes, 0, bytes.length);

        packet.setPayloadType(100);
        assertTrue(packet.marker(), "marker kept");
        packet.setMarker(false);
        packet.setSequenceNumber(0x1FFFF);
        packet.setTimestamp(0xFFFFFFFE);
        packet.setSsrc(0x80000001);

        RtpPacket reread = new RtpPacket().wrap(bytes, 0, bytes.length);
        assertEquals(100, reread.payloadType());
        assertFalse(reread.marker());
        assertEquals(0xFFFF, reread.sequenceNumber());
        assertEquals(0xFFFFFFFE, reread.timestamp());
        assertEquals(0x80000001, reread.ssrc());
        assertThrows(IllegalArgumentException.class, () -> packet.setPayloadType(128));
    }

    @Test
    void findsOneByteExtensionsAcrossPaddingBytes() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .element(1, (byte) 0xAA)
                .rawExtensionBytes(0, 0) // padding bytes between elements
                .element(3, (byte) 0x01, (byte) 0x02, (byte) 0x03)
                .build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.isValid());
        assertEquals(RtpPacket.ONE_BYTE_PROFILE, packet.extensionProfile());
        int one = packet.findExtension(1);
        assertEquals(17, one);
        assertEquals(1, packet.extensionLength(one));
        int three = packet.findExtension(3);
        assertEquals(3, packet.extensionLength(three));
        assertEquals(0x02, bytes[three + 1]);
        assertEquals(-1, packet.findExtension(2));
        assertEquals(-1, packet.findExtension(15));
        assertEquals(-1, packet.findExtension(0));
    }

    @Test
    void stopsAtTheReservedId15InTheOneByteForm() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .element(1, (byte) 1)
                .rawExtensionBytes(0xF0)
                .element(2, (byte) 2)
                .build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.findExtension(1) > 0);
        assertEquals(-1, packet.findExtension(2));
    }

    @Test
    void findsTwoByteExtensionsIncludingEmptyAndHighIds() {
        byte[] bytes = new RtpPacketComposer().twoByteExtensions()
                .element(200)
                .rawExtensionBytes(0)
                .element(7, (byte) 9, (byte) 8)
                .build();
        packet.wrap(bytes, 0, bytes.length);

        assertEquals(RtpPacket.TWO_BYTE_PROFILE, packet.extensionProfile());
        int empty = packet.findExtension(200);
        assertTrue(empty > 0);
        assertEquals(0, packet.extensionLength(empty));
        int seven = packet.findExtension(7);
        assertEquals(2, packet.extensionLength(seven));
        assertEquals(8, bytes[seven + 1]);
    }

    @Test
    void ignoresElementsThatOverrunTheBlock() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .rawExtensionBytes(0x13, 0x00, 0x00) // id 1 claims 4 data bytes
                .build();
        // the block is one word, 13 00 00 00: the element needs 5 bytes, the block has 4
        packet.wrap(bytes, 0, bytes.length);
        assertTrue(packet.isValid());
        assertEquals(-1, packet.findExtension(1));
    }

    @Test
    void readsTypedExtensionsChromiumSends() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .element(1, (byte) 0x81)                                  // ssrc-audio-level: voice, -1 dBov
                .element(2, (byte) 0x12, (byte) 0x34, (byte) 0x56)        // abs-send-time
                .element(3, (byte) 0xFF, (byte) 0xFE)                     // transport-wide-cc seq
                .element(4, (byte) '0')                                   // mid "0"
                .build();
        packet.wrap(bytes, 0, bytes.length);

        int level = packet.audioLevelOctet(1);
        assertTrue(RtpPacket.voiceActivityOf(level));
        assertEquals(1, RtpPacket.audioLevelOf(level));
        assertEquals(0x123456, packet.absSendTime(2));
        assertEquals(0xFFFE, packet.transportSequenceNumber(3));
        assertEquals("0", packet.mid(4));
        assertTrue(packet.midEquals(4, new byte[] {'0'}));
        assertFalse(packet.midEquals(4, new byte[] {'1'}));

        assertEquals(-1, packet.audioLevelOctet(9));
        assertEquals(-1, packet.absSendTime(9));
        assertEquals(-1, packet.transportSequenceNumber(9));
        assertNull(packet.mid(9));
    }

    @Test
    void readsAMidPaddedWithZerosInTheTwoByteForm() {
        byte[] bytes = new RtpPacketComposer().twoByteExtensions()
                .element(10, (byte) 'a', (byte) 'u', (byte) 0, (byte) 0)
                .build();
        packet.wrap(bytes, 0, bytes.length);
        assertEquals("au", packet.mid(10));
        assertTrue(packet.midEquals(10, new byte[] {'a', 'u'}));
    }

    @Test
    void rewritesTheTransportSequenceNumberInPlace() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions().element(5, (byte) 0, (byte) 1).build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.setTransportSequenceNumber(5, 0xABCD));
        assertEquals(0xABCD, new RtpPacket().wrap(bytes, 0, bytes.length).transportSequenceNumber(5));
        assertFalse(packet.setTransportSequenceNumber(6, 1));
    }

    @Test
    void renumbersOneExtensionKeepingItsData() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .element(3, (byte) 0x11, (byte) 0x22)
                .element(4, (byte) 0x33)
                .build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.rewriteExtensionId(3, 12));
        assertEquals(-1, packet.findExtension(3));
        assertEquals(0x1122, packet.transportSequenceNumber(12));
        assertEquals(0x33, packet.audioLevelOctet(4));
        assertFalse(packet.rewriteExtensionId(3, 5), "no element with id 3 any more");
        assertFalse(packet.rewriteExtensionId(12, 15), "15 is reserved in the one-byte form");
    }

    @Test
    void renumbersInTheTwoByteForm() {
        byte[] bytes = new RtpPacketComposer().twoByteExtensions().element(1, (byte) 7).build();
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.rewriteExtensionId(1, 100));
        assertEquals(7, packet.audioLevelOctet(100));
    }

    @Test
    void swapsAndStripsExtensionIdsInOnePass() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions()
                .element(1, (byte) 0x0A)
                .element(2, (byte) 0x0B)
                .element(3, (byte) 0x0C, (byte) 0x0D)
                .payload((byte) 99)
                .build();
        int length = bytes.length;
        packet.wrap(bytes, 0, bytes.length);
        byte[] map = new byte[16];
        map[1] = 2;
        map[2] = 1;
        map[3] = 0; // subscriber did not negotiate it: strip

        assertEquals(3, packet.rewriteExtensionIds(map));

        RtpPacket reread = new RtpPacket().wrap(bytes, 0, length);
        assertTrue(reread.isValid());
        assertEquals(0x0B, reread.audioLevelOctet(1));
        assertEquals(0x0A, reread.audioLevelOctet(2));
        assertEquals(-1, reread.findExtension(3));
        assertEquals(99, bytes[reread.payloadOffset()]);
    }

    @Test
    void stripsIdsTheOneByteFormCannotCarry() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions().element(1, (byte) 1).element(2, (byte) 2).build();
        packet.wrap(bytes, 0, bytes.length);
        byte[] map = new byte[16];
        map[1] = (byte) 20;
        map[2] = 2;

        assertEquals(1, packet.rewriteExtensionIds(map));
        assertEquals(-1, packet.findExtension(1));
        assertEquals(2, packet.audioLevelOctet(2));
    }

    @Test
    void reportsNoExtensionsForAnUnknownProfile() {
        byte[] bytes = new RtpPacketComposer().oneByteExtensions().element(1, (byte) 1).build();
        bytes[12] = 0x12; // profile 0x12DE: neither RFC 8285 form
        packet.wrap(bytes, 0, bytes.length);

        assertTrue(packet.isValid());
        assertEquals(0x12DE, packet.extensionProfile());
        assertEquals(-1, packet.findExtension(1));
        assertEquals(-1, packet.rewriteExtensionIds(new byte[16]));
    }

    @Test
    void answersAbsentForExtensionLookupsOnAnInvalidPacket() {
        byte[] bytes = {(byte) 0x90, 0, 0};
        packet.wrap(bytes, 0, bytes.length);
        assertFalse(packet.isValid());
        assertEquals(-1, packet.findExtension(1));
        assertEquals(-1, packet.transportSequenceNumber(1));
        assertEquals(-1, packet.rewriteExtensionIds(new byte[16]));
    }

    @Test
    void reusesOneInstanceAcrossPackets() {
        byte[] a = new RtpPacketComposer().seq(1).oneByteExtensions().element(1, (byte) 1, (byte) 2).build();
        byte[] b = new RtpPacketComposer().seq(2).build();

        packet.wrap(a, 0, a.length);
        assertEquals(0x0102, packet.transportSequenceNumber(1));
        packet.wrap(b, 0, b.length);
        assertEquals(2, packet.sequenceNumber());
        assertEquals(-1, packet.transportSequenceNumber(1), "no stale extension state");
        assertArrayEquals(b, Arrays.copyOf(packet.buffer(), packet.length()));
    }
}
