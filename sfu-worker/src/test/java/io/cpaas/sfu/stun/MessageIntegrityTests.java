package io.cpaas.sfu.stun;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MessageIntegrityTests {

    private static StunMessage parse(byte[] datagram) throws StunParseException {
        return StunMessage.parse(datagram, 0, datagram.length);
    }

    @Test
    void rfc5769SampleRequestChecksWithItsPasswordDespiteTheFingerprintAfterIt() throws StunParseException {
        // The length field as received counts FINGERPRINT too; the check must count only up to the
        // end of MESSAGE-INTEGRITY (RFC 5389 §15.4), which is what this vector catches.
        assertTrue(new MessageIntegrity(Rfc5769.PASSWORD).matches(parse(Rfc5769.SAMPLE_REQUEST)));
    }

    @Test
    void rfc5769ResponsesCheckWithTheirPassword() throws StunParseException {
        MessageIntegrity integrity = new MessageIntegrity(Rfc5769.PASSWORD);
        assertTrue(integrity.matches(parse(Rfc5769.IPV4_RESPONSE)));
        assertTrue(integrity.matches(parse(Rfc5769.IPV6_RESPONSE)));
    }

    @Test
    void anotherPasswordDoesNotCheck() throws StunParseException {
        assertFalse(new MessageIntegrity("VOkJxbRl1RmTxUk/WvJxBT").matches(parse(Rfc5769.SAMPLE_REQUEST)));
    }

    @Test
    void anyChangedByteBeforeTheIntegrityStopsItChecking() throws StunParseException {
        MessageIntegrity integrity = new MessageIntegrity(Rfc5769.PASSWORD);
        int integrityEnd = 108 - 8;
        for (int i = 0; i < integrityEnd; i++) {
            if (i == 2 || i == 3) {
                continue; // the length field is replaced by the adjusted one, and a change would not parse
            }
            byte[] request = Rfc5769.sampleRequest();
            request[i] ^= 0x01;
            StunMessage m;
            try {
                m = parse(request);
            } catch (StunParseException notEvenParsed) {
                continue;
            }
            assertFalse(integrity.matches(m), "byte " + i + " changed");
        }
    }

    @Test
    void theReceivedBytesAreLeftAsTheyWere() throws StunParseException {
        byte[] request = Rfc5769.sampleRequest();
        new MessageIntegrity(Rfc5769.PASSWORD).matches(parse(request));
        assertArrayEquals(Rfc5769.SAMPLE_REQUEST, request);
    }

    @Test
    void aMessageWithoutIntegrityDoesNotCheck() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest().username("a:b").fingerprint().build();
        assertFalse(new MessageIntegrity(Rfc5769.PASSWORD).matches(parse(request)));
    }

    @Test
    void oneInstanceChecksManyMessagesInARow() throws StunParseException {
        MessageIntegrity integrity = new MessageIntegrity(Rfc5769.PASSWORD);
        byte[] wrong = Rfc5769.sampleRequest();
        wrong[60] ^= 0x40;
        for (int i = 0; i < 3; i++) {
            assertTrue(integrity.matches(parse(Rfc5769.SAMPLE_REQUEST)));
            assertFalse(integrity.matches(parse(wrong)));
        }
    }
}
