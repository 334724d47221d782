package io.cpaas.sfu.stun;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunMessageTests {

    private static StunParseException.Reason reasonFor(byte[] datagram) {
        StunParseException e = assertThrows(StunParseException.class,
                () -> StunMessage.parse(datagram, 0, datagram.length));
        return e.reason();
    }

    @Test
    void rfc5769SampleRequestIsRecognisedAsStun() {
        assertTrue(StunMessage.looksLikeStun(Rfc5769.SAMPLE_REQUEST, 0, Rfc5769.SAMPLE_REQUEST.length));
    }

    @Test
    void rfc5769SampleRequestParsesWithEveryIceAttribute() throws StunParseException {
        StunMessage m = StunMessage.parse(Rfc5769.SAMPLE_REQUEST, 0, Rfc5769.SAMPLE_REQUEST.length);

        assertTrue(m.isBindingRequest());
        assertEquals(0x0001, m.messageType());
        assertEquals(108, m.length());
        assertArrayEquals(Rfc5769.TRANSACTION_ID, m.transactionId());
        assertEquals("evtj:h6vY", m.username(), "the three bytes of space padding are not part of it");
        assertEquals("evtj", m.localUfrag());
        assertEquals("h6vY", m.remoteUfrag());
        assertEquals(Rfc5769.SAMPLE_REQUEST_PRIORITY, m.priority());
        assertTrue(m.iceControlled());
        assertFalse(m.iceControlling());
        assertEquals(Rfc5769.SAMPLE_REQUEST_TIEBREAKER, m.tieBreaker());
        assertFalse(m.useCandidate());
        assertTrue(m.hasMessageIntegrity());
        assertTrue(m.hasFingerprint());
        assertEquals(0, m.unknownComprehensionRequiredCount(), "SOFTWARE is comprehension-optional");
    }

    @Test
    void rfc5769SampleRequestFingerprintMatches() throws StunParseException {
        assertTrue(StunMessage.parse(Rfc5769.SAMPLE_REQUEST, 0, 108).fingerprintMatches());
    }

    @Test
    void aChangedByteBreaksTheFingerprint() throws StunParseException {
        byte[] request = Rfc5769.sampleRequest();
        request[30] ^= 0x01; // inside SOFTWARE
        assertFalse(StunMessage.parse(request, 0, request.length).fingerprintMatches());
    }

    @Test
    void rfc5769ResponsesParseAndTheirFingerprintsMatch() throws StunParseException {
        for (byte[] response : new byte[][] {Rfc5769.IPV4_RESPONSE, Rfc5769.IPV6_RESPONSE}) {
            StunMessage m = StunMessage.parse(response, 0, response.length);
            assertEquals(0x0101, m.messageType());
            assertFalse(m.isBindingRequest());
            assertTrue(m.fingerprintMatches());
        }
    }

    @Test
    void aMessageInsideALargerBufferParsesAtItsOffset() throws StunParseException {
        byte[] buffer = new byte[300];
        Arrays.fill(buffer, (byte) 0xEE);
        System.arraycopy(Rfc5769.SAMPLE_REQUEST, 0, buffer, 77, 108);

        assertTrue(StunMessage.looksLikeStun(buffer, 77, 108));
        StunMessage m = StunMessage.parse(buffer, 77, 108);
        assertEquals("evtj", m.localUfrag());
        assertTrue(m.fingerprintMatches());
        assertArrayEquals(Rfc5769.TRANSACTION_ID, m.transactionId());
    }

    @Test
    void otherProtocolsOnTheSamePortAreNotStun() {
        byte[] dtls = Rfc5769.sampleRequest();
        dtls[0] = 22; // DTLS handshake record (RFC 7983: 20–63)
        byte[] rtp = Rfc5769.sampleRequest();
        rtp[0] = (byte) 0x80; // RTP version 2 (128–191)
        byte[] firstByteFour = Rfc5769.sampleRequest();
        firstByteFour[0] = 4;

        for (byte[] datagram : new byte[][] {dtls, rtp, firstByteFour}) {
            assertFalse(StunMessage.looksLikeStun(datagram, 0, datagram.length));
            assertEquals(StunParseException.Reason.NOT_STUN, reasonFor(datagram));
        }
    }

    @Test
    void aMessageWithoutTheMagicCookieIsNotStun() {
        byte[] rfc3489 = Rfc5769.sampleRequest();
        rfc3489[5] ^= 0x01;
        assertFalse(StunMessage.looksLikeStun(rfc3489, 0, rfc3489.length));
        assertEquals(StunParseException.Reason.NOT_STUN, reasonFor(rfc3489));
    }

    @Test
    void fewerThanTwentyBytesAreTooShort() {
        byte[] header = Arrays.copyOf(Rfc5769.SAMPLE_REQUEST, 19);
        assertFalse(StunMessage.looksLikeStun(header, 0, 19));
        assertEquals(StunParseException.Reason.TOO_SHORT, reasonFor(header));
        assertEquals(StunParseException.Reason.TOO_SHORT, reasonFor(new byte[0]));
    }

    @Test
    void aLengthFieldThatDisagreesWithTheDatagramIsRefused() {
        byte[] truncated = Arrays.copyOf(Rfc5769.SAMPLE_REQUEST, 104);
        byte[] trailingBytes = Arrays.copyOf(Rfc5769.SAMPLE_REQUEST, 112);
        byte[] notMultipleOfFour = Arrays.copyOf(Rfc5769.SAMPLE_REQUEST, 110);
        notMultipleOfFour[3] = 90;

        for (byte[] datagram : new byte[][] {truncated, trailingBytes, notMultipleOfFour}) {
            assertFalse(StunMessage.looksLikeStun(datagram, 0, datagram.length));
            assertEquals(StunParseException.Reason.LENGTH_MISMATCH, reasonFor(datagram));
        }
    }

    @Test
    void anAttributeRunningPastTheMessageIsRefused() {
        byte[] request = Rfc5769.sampleRequest();
        request[23] = 0x60; // SOFTWARE claims 96 bytes
        assertTrue(StunMessage.looksLikeStun(request, 0, request.length), "the header alone is fine");
        assertEquals(StunParseException.Reason.ATTRIBUTE_OVERRUN, reasonFor(request));
    }

    @Test
    void anAttributeValueOneByteLongerThanTheMessageIsRefused() {
        byte[] request = StunRequestBuilder.bindingRequest().attribute(0x8022, new byte[4]).build();
        request[23] = 5; // 5 bytes of value, only 4 are there
        assertEquals(StunParseException.Reason.ATTRIBUTE_OVERRUN, reasonFor(request));
    }

    @Test
    void anAttributeHeaderAtTheVeryEndWithNoRoomForItsValueIsRefused() {
        byte[] request = StunRequestBuilder.bindingRequest().attribute(0x8022, new byte[4]).build();
        byte[] cut = Arrays.copyOf(request, request.length + 4);
        cut[3] = 12;
        cut[29] = 0x06;
        cut[31] = 0x04; // USERNAME of 4 bytes, but the message ends with its header
        assertEquals(StunParseException.Reason.ATTRIBUTE_OVERRUN, reasonFor(cut));
    }

    @Test
    void knownAttributesWithImpossibleLengthsAreRefused() {
        byte[] longPriority = StunRequestBuilder.bindingRequest().attribute(0x0024, new byte[8]).build();
        byte[] shortIntegrity = StunRequestBuilder.bindingRequest().attribute(0x0008, new byte[16]).build();
        byte[] valuedUseCandidate = StunRequestBuilder.bindingRequest().attribute(0x0025, new byte[4]).build();
        byte[] shortControlling = StunRequestBuilder.bindingRequest().attribute(0x802A, new byte[4]).build();
        byte[] longFingerprint = StunRequestBuilder.bindingRequest().attribute(0x8028, new byte[8]).build();
        byte[] hugeUsername = StunRequestBuilder.bindingRequest().attribute(0x0006, new byte[513]).build();

        for (byte[] request : new byte[][] {longPriority, shortIntegrity, valuedUseCandidate, shortControlling,
                longFingerprint, hugeUsername}) {
            assertEquals(StunParseException.Reason.ATTRIBUTE_BAD_LENGTH, reasonFor(request));
        }
    }

    @Test
    void aUsernameOf512BytesIsTheLongestAllowed() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest().attribute(0x0006, new byte[512]).build();
        assertTrue(StunMessage.parse(request, 0, request.length).hasUsername());
    }

    @Test
    void nothingMayFollowTheFingerprint() {
        byte[] request = StunRequestBuilder.bindingRequest().username("a:b").fingerprint().useCandidate().build();
        assertEquals(StunParseException.Reason.ATTRIBUTE_AFTER_FINGERPRINT, reasonFor(request));
    }

    @Test
    void attributesAfterMessageIntegrityOtherThanFingerprintAreIgnored() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest()
                .username("ours:them").messageIntegrity("p".repeat(22))
                .useCandidate().priority(7).attribute(0x0042, new byte[4]).username("other:them")
                .fingerprint().build();

        StunMessage m = StunMessage.parse(request, 0, request.length);

        assertFalse(m.useCandidate(), "nothing vouches for a USE-CANDIDATE after the integrity");
        assertFalse(m.hasPriority());
        assertEquals(0, m.unknownComprehensionRequiredCount());
        assertEquals("ours:them", m.username());
        assertTrue(m.hasFingerprint());
        assertTrue(m.fingerprintMatches());
    }

    @Test
    void onlyTheFirstOfARepeatedAttributeCounts() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest()
                .username("first:x").username("second:y").priority(1).priority(2).build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertEquals("first", m.localUfrag());
        assertEquals(1, m.priority());
    }

    @Test
    void unknownComprehensionRequiredAttributesAreNotedAndOptionalOnesAreNot() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest()
                .attribute(0xC057, new byte[4]) // GOOG-NETWORK-INFO, which Chrome sends: optional
                .attribute(0x7FFF, new byte[0])
                .attribute(0x0014, "realm".getBytes()) // REALM: long-term credentials, not ICE's
                .build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertEquals(2, m.unknownComprehensionRequiredCount());
        assertEquals(0x7FFF, m.unknownComprehensionRequired(0));
        assertEquals(0x0014, m.unknownComprehensionRequired(1));
    }

    @Test
    void atMostEightUnknownAttributeTypesAreKept() throws StunParseException {
        StunRequestBuilder builder = StunRequestBuilder.bindingRequest();
        for (int type = 0x0100; type < 0x0100 + 50; type++) {
            builder.attribute(type, new byte[0]);
        }
        byte[] request = builder.build();
        assertEquals(8, StunMessage.parse(request, 0, request.length).unknownComprehensionRequiredCount());
    }

    @Test
    void aUsernameWithoutAColonNamesNoUfrag() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest().username("nocolon").build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertEquals("nocolon", m.username());
        assertNull(m.localUfrag());
        assertNull(m.remoteUfrag());
    }

    @Test
    void aUsernameSplitsAtItsFirstColon() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest().username("ab:cd:ef").build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertEquals("ab", m.localUfrag());
        assertEquals("cd:ef", m.remoteUfrag());
    }

    @Test
    void absentAttributesReadAsAbsent() throws StunParseException {
        byte[] bare = StunRequestBuilder.bindingRequest().build();
        StunMessage m = StunMessage.parse(bare, 0, bare.length);
        assertEquals(20, m.length());
        assertFalse(m.hasUsername());
        assertNull(m.username());
        assertNull(m.localUfrag());
        assertFalse(m.hasMessageIntegrity());
        assertFalse(m.hasFingerprint());
        assertFalse(m.fingerprintMatches());
        assertFalse(m.hasPriority());
        assertEquals(-1, m.priority());
        assertFalse(m.iceControlling() || m.iceControlled());
        assertEquals(0, m.tieBreaker());
    }

    @Test
    void priorityIsReadUnsigned() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest().priority(0xFFFFFFFEL).iceControlling(-1L).build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertEquals(0xFFFFFFFEL, m.priority());
        assertEquals(-1L, m.tieBreaker());
    }

    @Test
    void theTransactionIdIsACopy() throws StunParseException {
        byte[] request = Rfc5769.sampleRequest();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        m.transactionId()[0] = 0;
        assertArrayEquals(Rfc5769.TRANSACTION_ID, m.transactionId());
    }

    @Test
    void toStringKeepsControlCharactersFromTheWireOutOfLogs() throws StunParseException {
        byte[] request = StunRequestBuilder.bindingRequest().username("evil\n2024 FAKE LOG LINE:x").build();
        String text = StunMessage.parse(request, 0, request.length).toString();
        assertFalse(text.contains("\n"), text);
        assertTrue(text.contains("evil?2024"), text);
    }

    @Test
    void boundsOutsideTheBufferAreACallerBug() {
        byte[] buffer = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> StunMessage.looksLikeStun(buffer, 5, 20));
        assertThrows(IndexOutOfBoundsException.class, () -> StunMessage.parse(buffer, -1, 5));
    }

    @Test
    void everyTruncationOfAValidRequestIsRefusedCleanly() {
        for (int len = 0; len < Rfc5769.SAMPLE_REQUEST.length; len++) {
            byte[] prefix = Arrays.copyOf(Rfc5769.SAMPLE_REQUEST, len);
            assertFalse(StunMessage.looksLikeStun(prefix, 0, len));
            assertThrows(StunParseException.class, () -> StunMessage.parse(prefix, 0, prefix.length));
        }
    }

    @Test
    void truncationsWithARepairedLengthFieldParseOrAreRefusedCleanly() {
        // The harder case: a cut at any 4-byte boundary with the header's length made consistent, so
        // only the attribute walk stands between the cut and a read past the message.
        for (int len = 20; len < Rfc5769.SAMPLE_REQUEST.length; len += 4) {
            byte[] prefix = Arrays.copyOf(Rfc5769.SAMPLE_REQUEST, len);
            prefix[2] = (byte) ((len - 20) >>> 8);
            prefix[3] = (byte) (len - 20);
            assertTrue(StunMessage.looksLikeStun(prefix, 0, len));
            try {
                StunMessage m = StunMessage.parse(prefix, 0, len);
                m.toString();
                m.fingerprintMatches();
            } catch (StunParseException expected) {
                assertEquals(StunParseException.Reason.ATTRIBUTE_OVERRUN, expected.reason());
            }
        }
    }

    @Test
    void tenThousandRandomDatagramsThatPassTheDemuxNeverThrowAnythingButTheParseException() {
        Random random = new Random(5769);
        for (int i = 0; i < 10_000; i++) {
            int bodyLength = 4 * random.nextInt(40);
            byte[] datagram = new byte[20 + bodyLength];
            random.nextBytes(datagram);
            datagram[0] = (byte) random.nextInt(4);
            datagram[2] = (byte) (bodyLength >>> 8);
            datagram[3] = (byte) bodyLength;
            datagram[4] = 0x21;
            datagram[5] = 0x12;
            datagram[6] = (byte) 0xA4;
            datagram[7] = 0x42;
            // Small attribute lengths, so that some walks get deep instead of failing at once.
            for (int at = 22; at < datagram.length; at += 4 + random.nextInt(3) * 4) {
                datagram[at] = 0;
                datagram[at + 1] = (byte) random.nextInt(12);
            }
            exerciseParse(datagram);
        }
    }

    /** Parses and reads everything; only {@link StunParseException} may come out. */
    static void exerciseParse(byte[] datagram) {
        StunMessage.looksLikeStun(datagram, 0, datagram.length);
        try {
            StunMessage m = StunMessage.parse(datagram, 0, datagram.length);
            m.username();
            m.localUfrag();
            m.remoteUfrag();
            m.priority();
            m.tieBreaker();
            m.fingerprintMatches();
            m.transactionId();
            m.toString();
            for (int k = 0; k < m.unknownComprehensionRequiredCount(); k++) {
                m.unknownComprehensionRequired(k);
            }
        } catch (StunParseException expected) {
            assertNotNull(expected.reason());
        }
    }
}
