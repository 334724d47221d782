package io.cpaas.sfu.stun;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StunMessageWriterTests {

    private static byte[] writeRfc5769Response(InetSocketAddress mapped) {
        byte[] out = new byte[128];
        byte[] software = Rfc5769.RESPONSE_SOFTWARE.getBytes(StandardCharsets.UTF_8);
        StunMessageWriter writer = new StunMessageWriter()
                .start(out, 0, StunFormat.BINDING_SUCCESS_RESPONSE, Rfc5769.TRANSACTION_ID, 0)
                .attribute(StunFormat.SOFTWARE, software, 0, software.length);
        // The RFC pads SOFTWARE with a space where we write a zero; padding may be anything, but
        // it is covered by the integrity and fingerprint, so put the RFC's byte in to compare.
        out[20 + 4 + software.length] = ' ';
        int length = writer.xorMappedAddress(mapped)
                .messageIntegrity(new MessageIntegrity(Rfc5769.PASSWORD))
                .fingerprint()
                .length();
        return Arrays.copyOf(out, length);
    }

    @Test
    void reproducesTheRfc5769Ipv4ResponseByteForByte() {
        assertArrayEquals(Rfc5769.IPV4_RESPONSE, writeRfc5769Response(Rfc5769.IPV4_MAPPED));
    }

    @Test
    void reproducesTheRfc5769Ipv6ResponseByteForByte() {
        assertArrayEquals(Rfc5769.IPV6_RESPONSE, writeRfc5769Response(Rfc5769.IPV6_MAPPED));
    }

    @Test
    void paddingIsWrittenAsZerosWhateverTheBufferHeldBefore() {
        byte[] out = new byte[64];
        Arrays.fill(out, (byte) 0xFF);
        byte[] value = {1, 2, 3, 4, 5};
        int length = new StunMessageWriter()
                .start(out, 0, StunFormat.BINDING_SUCCESS_RESPONSE, new byte[12], 0)
                .attribute(StunFormat.SOFTWARE, value, 0, 5)
                .length();
        assertEquals(32, length);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 0, 0, 0}, Arrays.copyOfRange(out, 24, 32));
        assertEquals(12, out[3], "the length field counts the padding");
    }

    @Test
    void errorCodeSplitsClassAndNumber() {
        byte[] out = new byte[64];
        int length = new StunMessageWriter()
                .start(out, 0, StunFormat.BINDING_ERROR_RESPONSE, new byte[12], 0)
                .errorCode(487, "Role Conflict")
                .length();
        StunResponseReader reader = StunResponseReader.read(out, 0, length);
        assertEquals(487, reader.errorCode());
        assertEquals("Role Conflict", reader.errorReason());
        assertEquals(4, out[24 + 2]);
        assertEquals(87, out[24 + 3]);
    }

    @Test
    void aWriterStartsEachMessageAfresh() {
        byte[] out = new byte[128];
        StunMessageWriter writer = new StunMessageWriter();
        writer.start(out, 0, StunFormat.BINDING_SUCCESS_RESPONSE, new byte[12], 0).xorMappedAddress(Rfc5769.IPV6_MAPPED);
        int second = writer.start(out, 8, StunFormat.BINDING_SUCCESS_RESPONSE, Rfc5769.TRANSACTION_ID, 0)
                .xorMappedAddress(Rfc5769.IPV4_MAPPED).length();
        assertEquals(32, second);
        assertEquals(Rfc5769.IPV4_MAPPED, StunResponseReader.read(out, 8, second).xorMappedAddress());
    }

    @Test
    void runningOutOfRoomIsACallerBug() {
        byte[] out = new byte[30];
        StunMessageWriter writer = new StunMessageWriter().start(out, 0, StunFormat.BINDING_SUCCESS_RESPONSE, new byte[12], 0);
        assertThrows(IndexOutOfBoundsException.class, () -> writer.xorMappedAddress(Rfc5769.IPV6_MAPPED));
    }
}
