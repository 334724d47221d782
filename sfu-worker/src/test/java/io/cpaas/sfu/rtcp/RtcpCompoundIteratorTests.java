package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtcpCompoundIteratorTests {

    private final RtcpCompoundIterator it = new RtcpCompoundIterator();

    /** SR with no blocks: header, SSRC, NTP, RTP ts, packet count, octet count. */
    static final byte[] SR = Hex.bytes("80C80006 11111111 E1234567 89ABCDEF 00001000 00000010 00000800");
    static final byte[] BYE = Hex.bytes("81CB0001 11111111");
    static final byte[] PLI = Hex.bytes("81CE0002 11111111 22222222");

    @Test
    void walksACompoundPacketInOrder() {
        // SDES, one chunk: SSRC, CNAME (type 1) of length 2 "ab", end of list in the last word
        byte[] sdes = Hex.bytes("81CA0003 11111111 01026162 00000000");
        byte[] compound = Hex.concat(SR, sdes, BYE);
        it.wrap(compound, 0, compound.length);

        assertTrue(it.next());
        assertEquals(RtcpHeader.SR, it.packetType());
        assertEquals(0, it.offset());
        assertEquals(28, it.length());
        assertTrue(it.next());
        assertEquals(RtcpHeader.SDES, it.packetType());
        assertEquals(1, it.countOrFormat());
        assertEquals(28, it.offset());
        assertTrue(it.next());
        assertEquals(RtcpHeader.BYE, it.packetType());
        assertEquals(0x11111111, Bye.ssrc(compound, it.offset(), 0));
        assertFalse(it.next());
        assertFalse(it.isMalformed());
    }

    @Test
    void acceptsReducedSizeRtcpWithoutAReport() {
        it.wrap(PLI, 0, PLI.length);
        assertTrue(it.next());
        assertEquals(RtcpHeader.PSFB, it.packetType());
        assertEquals(RtcpHeader.FMT_PLI, it.countOrFormat());
        assertFalse(it.next());
    }

    @Test
    void excludesPaddingOfTheLastPacketFromItsLength() {
        byte[] padded = Hex.bytes("A1CE0003 11111111 22222222 00000004");
        byte[] compound = Hex.concat(BYE, padded);
        it.wrap(compound, 0, compound.length);
        assertTrue(it.next());
        assertTrue(it.next());
        assertEquals(12, it.length());
        assertFalse(it.isMalformed());
    }

    @Test
    void refusesPaddingAnywhereButTheLastPacket() {
        byte[] padded = Hex.bytes("A1CE0003 11111111 22222222 00000004");
        byte[] compound = Hex.concat(padded, BYE);
        it.wrap(compound, 0, compound.length);
        assertFalse(it.next());
        assertTrue(it.isMalformed());
    }

    @Test
    void refusesZeroAndOversizedPaddingCounts() {
        assertMalformed(Hex.bytes("A1CE0003 11111111 22222222 00000000"));
        assertMalformed(Hex.bytes("A1CE0003 11111111 22222222 00000011"));
    }

    @Test
    void stopsAtAWrongVersionOrALengthBeyondTheDatagram() {
        byte[] version1 = Hex.concat(BYE, Hex.bytes("41CB0001 11111111"));
        it.wrap(version1, 0, version1.length);
        assertTrue(it.next(), "the first packet is fine");
        assertFalse(it.next());
        assertTrue(it.isMalformed());

        assertMalformed(Hex.bytes("81CB0002 11111111"));
        assertMalformed(Hex.bytes("81CB00"));
    }

    @Test
    void refusesKnownTypesWhoseStructureDoesNotFit() {
        assertMalformed(Hex.bytes("81C80006 11111111 E1234567 89ABCDEF 00001000 00000010 00000800"), "SR: 1 block announced");
        assertMalformed(Hex.bytes("82C90007 11111111" + "00".repeat(24)), "RR: 2 blocks announced, 1 present");
        assertMalformed(Hex.bytes("82CB0001 11111111"), "BYE: 2 SSRCs announced");
        assertMalformed(Hex.bytes("81CD0002 11111111 22222222"), "NACK without FCI");
        assertMalformed(Hex.bytes("84CE0002 11111111 00000000"), "FIR without entry");
        assertMalformed(Hex.bytes("8FCD0004 11111111 22222222 00010001 00000000"), "transport-cc without chunk");
        assertMalformed(Hex.bytes("81CE0001 11111111"), "feedback without media SSRC");
    }

    @Test
    void passesUnknownTypesThroughForTheCallerToSkip() {
        byte[] xr = Hex.bytes("80CF0002 11111111 01020304");
        byte[] app = Hex.bytes("80CC0002 11111111 6E616D65");
        byte[] compound = Hex.concat(xr, app, BYE);
        it.wrap(compound, 0, compound.length);
        int n = 0;
        while (it.next()) {
            n++;
        }
        assertEquals(3, n);
        assertFalse(it.isMalformed());
    }

    @Test
    void tellsARembFromOtherApplicationFeedback() {
        byte[] remb = Hex.bytes("8FCE0005 11111111 00000000 52454D42 01000100 33333333");
        byte[] other = Hex.bytes("8FCE0003 11111111 00000000 41424344");
        byte[] compound = Hex.concat(remb, other);
        it.wrap(compound, 0, compound.length);
        assertTrue(it.next());
        assertTrue(it.isRemb());
        assertTrue(it.next());
        assertFalse(it.isRemb());
    }

    @Test
    void rejectsAWholeCompoundWhenAskedForAllOrNothing() {
        byte[] bad = Hex.concat(PLI, Hex.bytes("81CB0005 11111111"));
        assertFalse(it.wrapWellFormed(bad, 0, bad.length));
        assertFalse(it.next());

        byte[] good = Hex.concat(PLI, BYE);
        assertTrue(it.wrapWellFormed(good, 0, good.length));
        assertTrue(it.next());
        assertEquals(RtcpHeader.PSFB, it.packetType());
        assertTrue(it.next());
        assertFalse(it.next());

        assertFalse(it.wrapWellFormed(good, 0, 0), "an empty datagram is not RTCP");
    }

    @Test
    void respectsTheOffsetAndLengthItWasGiven() {
        byte[] outer = Hex.concat(Hex.bytes("FFFFFFFF"), PLI, Hex.bytes("81CB0001"));
        it.wrap(outer, 4, PLI.length);
        assertTrue(it.next());
        assertEquals(4, it.offset());
        assertFalse(it.next());
        assertFalse(it.isMalformed());

        assertFalse(it.wrap(outer, 20, 10).next(), "range past the array");
        assertTrue(it.isMalformed());
    }

    private void assertMalformed(byte[] packet) {
        assertMalformed(packet, "");
    }

    private void assertMalformed(byte[] packet, String why) {
        it.wrap(packet, 0, packet.length);
        assertFalse(it.next(), why);
        assertTrue(it.isMalformed(), why);
    }
}
