package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtxPacketTests {

    private final RtpPacket original = new RtpPacket();
    private final RtpPacket rtx = new RtpPacket();
    private final byte[] out = new byte[1600];

    @Test
    void carriesTheOriginalSequenceNumberAndPayloadUnderItsOwnSsrcPayloadTypeAndSequence() {
        byte[] payload = {0x10, 0x20, 0x30, 0x40, 0x50};
        byte[] bytes = new RtpPacketComposer().payloadType(96).marker(true).seq(0xBEEF).ts(0x12345678).ssrc(0x0A0B0C0D)
                .csrcs(0x01020304).oneByteExtensions().element(2, (byte) 1, (byte) 2, (byte) 3).payload(payload).build();
        original.wrap(bytes, 0, bytes.length);

        int length = RtxPacket.write(original, out, 4, 0x7E7E7E7E, 97, 0xFFFF);

        assertEquals(bytes.length + 2, length);
        rtx.wrap(out, 4, length);
        assertTrue(rtx.isValid());
        assertEquals(0x7E7E7E7E, rtx.ssrc(), "RFC 4588 §4: the RTX stream's own SSRC");
        assertEquals(97, rtx.payloadType(), "the RTX payload type (apt=96)");
        assertEquals(0xFFFF, rtx.sequenceNumber(), "the RTX stream's own sequence number");
        assertEquals(0x12345678, rtx.timestamp(), "the original timestamp");
        assertTrue(rtx.marker(), "the original marker");
        assertEquals(1, rtx.csrcCount());
        assertEquals(0x01020304, rtx.csrc(0));
        assertEquals(3, rtx.extensionLength(rtx.findExtension(2)), "header extensions travel along");
        assertEquals(0xBEEF, RtxPacket.originalSequenceNumber(rtx), "OSN in the first two payload bytes");
        assertArrayEquals(payload, Arrays.copyOfRange(out, rtx.payloadOffset() + 2, rtx.payloadOffset() + rtx.payloadLength()));
    }

    @Test
    void dropsTheOriginalsPadding() {
        byte[] bytes = new RtpPacketComposer().payload((byte) 9, (byte) 8).padding(4).build();
        original.wrap(bytes, 0, bytes.length);
        int length = RtxPacket.write(original, out, 0, 5, 99, 1);
        rtx.wrap(out, 0, length);
        assertTrue(rtx.isValid());
        assertFalse(rtx.hasPadding());
        assertEquals(12 + 2 + 2, length);
        assertEquals(4, rtx.payloadLength());
        assertEquals(9, out[rtx.payloadOffset() + 2]);
        assertEquals(8, out[rtx.payloadOffset() + 3]);
    }

    @Test
    void refusesABufferTooSmallOrAnInvalidOriginal() {
        byte[] bytes = new RtpPacketComposer().payload(new byte[100]).build();
        original.wrap(bytes, 0, bytes.length);
        assertThrows(IllegalArgumentException.class, () -> RtxPacket.write(original, new byte[113], 0, 1, 97, 1));
        assertEquals(114, RtxPacket.write(original, new byte[114], 0, 1, 97, 1));
        original.wrap(new byte[5], 0, 5);
        assertThrows(IllegalArgumentException.class, () -> RtxPacket.write(original, out, 0, 1, 97, 1));
        assertEquals(-1, RtxPacket.originalSequenceNumber(original));
    }

    @Test
    void unwrappingARepairRestoresTheOriginalPacketByteForByte() {
        byte[] payload = {0x10, 0x20, 0x30, 0x40, 0x50};
        byte[] bytes = new RtpPacketComposer().payloadType(96).marker(true).seq(0xBEEF).ts(0x12345678).ssrc(0x0A0B0C0D)
                .csrcs(0x01020304).oneByteExtensions().element(2, (byte) 1, (byte) 2, (byte) 3).payload(payload).build();
        original.wrap(bytes, 0, bytes.length);
        int length = RtxPacket.write(original, out, 3, 0x7E7E7E7E, 97, 0x0102);
        rtx.wrap(out, 3, length);

        int at = RtxPacket.unwrap(rtx, 0x0A0B0C0D, 96);

        assertEquals(5, at, "the header moved on over the 2-byte OSN");
        assertArrayEquals(bytes, Arrays.copyOfRange(out, at, at + length - 2));
        original.wrap(out, at, length - 2);
        assertTrue(original.isValid());
        assertEquals(0xBEEF, original.sequenceNumber());
        assertEquals(0x0A0B0C0D, original.ssrc());
        assertEquals(96, original.payloadType());
        assertTrue(original.marker());
    }

    @Test
    void unwrappingKeepsTheRepairsPaddingValid() {
        byte[] bytes = new RtpPacketComposer().payloadType(97).seq(7).ssrc(5).payload((byte) 0x12, (byte) 0x34, (byte) 9).padding(4).build();
        rtx.wrap(bytes, 0, bytes.length);
        int at = RtxPacket.unwrap(rtx, 1, 96);
        original.wrap(bytes, at, bytes.length - 2);
        assertTrue(original.isValid());
        assertEquals(0x1234, original.sequenceNumber());
        assertEquals(1, original.payloadLength());
        assertEquals(9, bytes[original.payloadOffset()]);
    }

    @Test
    void aPaddingOnlyProbeHasNothingToUnwrap() {
        byte[] bytes = new RtpPacketComposer().payloadType(97).payload().padding(200).build();
        rtx.wrap(bytes, 0, bytes.length);
        byte[] before = bytes.clone();
        assertEquals(-1, RtxPacket.unwrap(rtx, 1, 96));
        assertArrayEquals(before, bytes, "left as it was");
    }
}
