package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceiverReportTests {

    @Test
    void writesTheRfcLayout() {
        byte[] out = new byte[32];
        int length = ReceiverReport.write(out, 0, 0x01020304, 1);
        ReportBlock.write(out, ReceiverReport.reportBlockOffset(0, 0), 0x0A0B0C0D, 0x80, 3, 0x00020005, 7, 8, 9);
        assertEquals(32, length);
        assertArrayEquals(Hex.bytes(
                "81C90007 01020304 0A0B0C0D 80000003 00020005 00000007 00000008 00000009"), out);
    }

    @Test
    void roundTripsSeveralBlocksInACompound() {
        byte[] out = new byte[200];
        int rr = ReceiverReport.write(out, 0, 42, 3);
        for (int i = 0; i < 3; i++) {
            ReportBlock.write(out, ReceiverReport.reportBlockOffset(0, i), 100 + i, i, i * 10, 1000 + i, i, i, i);
        }
        int pli = Pli.write(out, rr, 42, 100);

        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(out, 0, rr + pli);
        assertTrue(it.next());
        assertEquals(RtcpHeader.RR, it.packetType());
        assertEquals(3, ReceiverReport.reportCount(out, it.offset()));
        assertEquals(42, ReceiverReport.senderSsrc(out, it.offset()));
        int third = ReceiverReport.reportBlockOffset(it.offset(), 2);
        assertEquals(102, ReportBlock.ssrc(out, third));
        assertEquals(20, ReportBlock.cumulativeLost(out, third));
        assertEquals(1002, ReportBlock.extendedHighestSequenceNumber(out, third));
        assertTrue(it.next());
        assertEquals(RtcpHeader.PSFB, it.packetType());
    }

    @Test
    void writesAnEmptyReceiverReport() {
        byte[] out = new byte[8];
        assertEquals(8, ReceiverReport.write(out, 0, 5, 0));
        assertArrayEquals(Hex.bytes("80C90001 00000005"), out);
    }
}
