package io.cpaas.sfu.stun;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IceLiteResponderTests {

    private static final IceCredentials OURS = new IceCredentials("Sfu1Ufrg", "OurIcePasswordIsLong+/24");
    private static final String THEIRS = "brws";
    private static final InetSocketAddress BROWSER_V4 = new InetSocketAddress("203.0.113.7", 54321);
    private static final InetSocketAddress BROWSER_V6 = new InetSocketAddress("2001:db8::7", 443);

    private final IceLiteResponder responder = new IceLiteResponder(OURS);
    private final byte[] out = new byte[IceLiteResponder.MAX_RESPONSE_LENGTH];

    /** A connectivity check as Chrome sends it to an ICE-lite peer. */
    private static StunRequestBuilder chromeCheck() {
        return StunRequestBuilder.bindingRequest()
                .username(OURS.ufrag() + ":" + THEIRS)
                .attribute(0xC057, new byte[] {0, 1, 0, 10}) // GOOG-NETWORK-INFO
                .iceControlling(0x1122334455667788L)
                .priority(1853817087);
    }

    private BindingOutcome answer(byte[] request, InetSocketAddress source) {
        return answer(new IceLiteResponder(OURS), request, source);
    }

    private BindingOutcome answer(IceLiteResponder r, byte[] request, InetSocketAddress source) {
        try {
            return r.respond(StunMessage.parse(request, 0, request.length), source, out, 0);
        } catch (StunParseException e) {
            throw new AssertionError("test request did not parse", e);
        }
    }

    private StunResponseReader response(BindingOutcome outcome) {
        return StunResponseReader.read(out, 0, outcome.responseLength());
    }

    @Test
    void aChromeCheckIsAnsweredWithXorMappedAddressIntegrityAndFingerprintInThatOrder() {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).fingerprint().build();

        BindingOutcome outcome = answer(request, BROWSER_V4);

        assertEquals(BindingOutcome.Status.SUCCESS, outcome.status());
        assertTrue(outcome.status().authenticated());
        assertFalse(outcome.nominated());
        StunResponseReader r = response(outcome);
        assertEquals(0x0101, r.messageType());
        assertEquals(List.of(0x0020, 0x0008, 0x8028), r.attributeTypes());
        assertArrayEquals(Arrays.copyOfRange(request, 8, 20), r.transactionId());
        assertEquals(BROWSER_V4, r.xorMappedAddress());
        assertTrue(r.integrityChecksWith(OURS.password()), "keyed with our password, as the request was");
        assertTrue(r.fingerprintChecks());
        assertEquals(64, outcome.responseLength());
    }

    @Test
    void anIpv6SourceIsMappedWithTheTransactionIdInTheXor() {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).fingerprint().build();
        BindingOutcome outcome = answer(request, BROWSER_V6);
        assertEquals(BindingOutcome.Status.SUCCESS, outcome.status());
        assertEquals(BROWSER_V6, response(outcome).xorMappedAddress());
        assertEquals(76, outcome.responseLength());
    }

    @Test
    void anIpv4MappedIpv6SourceIsAnsweredAsTheIpv4AddressItIs() {
        // What a dual-stack socket may report; Java already hands it over as an Inet4Address.
        InetSocketAddress mapped = new InetSocketAddress("::ffff:203.0.113.7", 54321);
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).fingerprint().build();
        assertEquals(BROWSER_V4, response(answer(request, mapped)).xorMappedAddress());
    }

    @Test
    void theRfc5769Ipv4AddressIsEncodedExactlyAsTheRfcDoes() {
        byte[] request = chromeCheck().transactionId(Rfc5769.TRANSACTION_ID)
                .messageIntegrity(OURS.password()).fingerprint().build();
        StunResponseReader r = response(answer(request, Rfc5769.IPV4_MAPPED));
        assertArrayEquals(Rfc5769.IPV4_XOR_MAPPED_ADDRESS_ATTRIBUTE, r.attributeWithHeader(0x0020));
    }

    @Test
    void theRfc5769Ipv6AddressIsEncodedExactlyAsTheRfcDoes() {
        byte[] request = chromeCheck().transactionId(Rfc5769.TRANSACTION_ID)
                .messageIntegrity(OURS.password()).fingerprint().build();
        StunResponseReader r = response(answer(request, Rfc5769.IPV6_MAPPED));
        assertArrayEquals(Rfc5769.IPV6_XOR_MAPPED_ADDRESS_ATTRIBUTE, r.attributeWithHeader(0x0020));
    }

    @Test
    void rfc5769SampleRequestAuthenticatesButGetsRoleConflictSinceItClaimsTheControlledRole() {
        IceLiteResponder rfcSession = new IceLiteResponder(new IceCredentials("evtj", Rfc5769.PASSWORD));

        BindingOutcome outcome = answer(rfcSession, Rfc5769.sampleRequest(), Rfc5769.IPV4_MAPPED);

        assertEquals(BindingOutcome.Status.ROLE_CONFLICT, outcome.status());
        assertTrue(outcome.status().authenticated(), "its integrity checked with the RFC's password");
        StunResponseReader r = response(outcome);
        assertEquals(0x0111, r.messageType());
        assertEquals(487, r.errorCode());
        assertTrue(r.integrityChecksWith(Rfc5769.PASSWORD));
        assertTrue(r.fingerprintChecks());
        assertArrayEquals(Rfc5769.TRANSACTION_ID, r.transactionId());
    }

    @Test
    void rfc5769SampleRequestIsUnauthorizedForASessionWithAnotherPassword() {
        IceLiteResponder other = new IceLiteResponder(new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBT"));
        BindingOutcome outcome = answer(other, Rfc5769.sampleRequest(), Rfc5769.IPV4_MAPPED);
        assertEquals(BindingOutcome.Status.UNAUTHORIZED, outcome.status());
    }

    @Test
    void useCandidateNominatesThePair() {
        byte[] request = chromeCheck().useCandidate().messageIntegrity(OURS.password()).fingerprint().build();
        BindingOutcome outcome = answer(request, BROWSER_V4);
        assertEquals(BindingOutcome.Status.SUCCESS, outcome.status());
        assertTrue(outcome.nominated());
    }

    @Test
    void aWrongPasswordIsRefusedWith401WithoutIntegrity() {
        byte[] request = chromeCheck().useCandidate().messageIntegrity("SomeoneElsesPassword1234").fingerprint().build();

        BindingOutcome outcome = answer(request, BROWSER_V4);

        assertEquals(BindingOutcome.Status.UNAUTHORIZED, outcome.status());
        assertFalse(outcome.status().authenticated());
        assertFalse(outcome.nominated(), "an unauthenticated USE-CANDIDATE nominates nothing");
        StunResponseReader r = response(outcome);
        assertEquals(0x0111, r.messageType());
        assertEquals(401, r.errorCode());
        assertEquals(List.of(0x0009, 0x8028), r.attributeTypes(), "no integrity: we cannot vouch for a 401");
        assertTrue(r.fingerprintChecks());
    }

    @Test
    void anotherSessionsUfragIsRefusedWith401EvenWithOurPassword() {
        for (String username : List.of("Other123:" + THEIRS, "Sfu1:" + THEIRS, "Sfu1Ufrg9:" + THEIRS,
                "Sfu1Ufrg", THEIRS + ":" + OURS.ufrag())) {
            byte[] request = StunRequestBuilder.bindingRequest().username(username).iceControlling(1)
                    .messageIntegrity(OURS.password()).fingerprint().build();
            assertEquals(BindingOutcome.Status.UNAUTHORIZED, answer(request, BROWSER_V4).status(), username);
        }
    }

    @Test
    void aCheckWithoutIntegrityIsABadRequest() {
        byte[] request = chromeCheck().fingerprint().build();
        BindingOutcome outcome = answer(request, BROWSER_V4);
        assertEquals(BindingOutcome.Status.BAD_REQUEST, outcome.status());
        StunResponseReader r = response(outcome);
        assertEquals(400, r.errorCode());
        assertEquals(List.of(0x0009, 0x8028), r.attributeTypes());
    }

    @Test
    void aCheckWithoutUsernameIsABadRequest() {
        byte[] request = StunRequestBuilder.bindingRequest().iceControlling(1)
                .messageIntegrity(OURS.password()).fingerprint().build();
        assertEquals(BindingOutcome.Status.BAD_REQUEST, answer(request, BROWSER_V4).status());
    }

    @Test
    void aWrongFingerprintGetsNoAnswerAtAll() {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).fingerprint().build();
        request[request.length - 1] ^= 0x01;
        Arrays.fill(out, (byte) 0x5A);

        BindingOutcome outcome = answer(request, BROWSER_V4);

        assertEquals(BindingOutcome.Status.FINGERPRINT_MISMATCH, outcome.status());
        assertFalse(outcome.hasResponse());
        assertEquals(0, outcome.responseLength());
        byte[] untouched = new byte[out.length];
        Arrays.fill(untouched, (byte) 0x5A);
        assertArrayEquals(untouched, out, "nothing written");
    }

    @Test
    void aCheckWithoutFingerprintIsStillAnswered() {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).build();
        BindingOutcome outcome = answer(request, BROWSER_V4);
        assertEquals(BindingOutcome.Status.SUCCESS, outcome.status());
        assertTrue(response(outcome).fingerprintChecks(), "our answer carries one regardless");
    }

    @Test
    void indicationsResponsesAndOtherMethodsAreNotAnswered() {
        for (int type : new int[] {0x0011, 0x0101, 0x0111, 0x0003}) {
            byte[] message = chromeCheck().messageType(type).messageIntegrity(OURS.password()).fingerprint().build();
            BindingOutcome outcome = answer(message, BROWSER_V4);
            assertEquals(BindingOutcome.Status.NOT_A_BINDING_REQUEST, outcome.status(), Integer.toHexString(type));
            assertFalse(outcome.hasResponse());
        }
    }

    @Test
    void anUnknownComprehensionRequiredAttributeGets420NamingItWithIntegrity() {
        byte[] request = chromeCheck().attribute(0x0031, new byte[2]).attribute(0x7ABC, new byte[0])
                .messageIntegrity(OURS.password()).fingerprint().build();

        BindingOutcome outcome = answer(request, BROWSER_V4);

        assertEquals(BindingOutcome.Status.UNKNOWN_ATTRIBUTE, outcome.status());
        StunResponseReader r = response(outcome);
        assertEquals(420, r.errorCode());
        assertEquals(List.of(0x0031, 0x7ABC), r.unknownAttributes());
        assertTrue(r.integrityChecksWith(OURS.password()));
        assertTrue(r.fingerprintChecks());
    }

    @Test
    void theLongestAnswerFitsTheAdvertisedMaximum() {
        StunRequestBuilder builder = chromeCheck();
        for (int type = 0x0100; type < 0x0120; type++) {
            builder.attribute(type, new byte[0]);
        }
        BindingOutcome outcome = answer(builder.messageIntegrity(OURS.password()).fingerprint().build(), BROWSER_V6);
        assertEquals(BindingOutcome.Status.UNKNOWN_ATTRIBUTE, outcome.status());
        assertEquals(8, response(outcome).unknownAttributes().size());
        assertTrue(outcome.responseLength() <= IceLiteResponder.MAX_RESPONSE_LENGTH, outcome.toString());
    }

    @Test
    void anUnauthenticatedRequestWithUnknownAttributesIsStillJust401() {
        byte[] request = chromeCheck().attribute(0x0031, new byte[4]).messageIntegrity("WrongWrongWrongWrongWrong").build();
        assertEquals(BindingOutcome.Status.UNAUTHORIZED, answer(request, BROWSER_V4).status());
    }

    @Test
    void comprehensionOptionalAttributesAreIgnored() {
        byte[] request = chromeCheck().attribute(0xC058, new byte[8]).attribute(0xC059, new byte[3])
                .attribute(0x8022, "Chrome".getBytes()).messageIntegrity(OURS.password()).fingerprint().build();
        assertEquals(BindingOutcome.Status.SUCCESS, answer(request, BROWSER_V4).status());
    }

    @Test
    void aCheckWithNeitherRoleAttributeIsAnswered() {
        byte[] request = StunRequestBuilder.bindingRequest().username(OURS.ufrag() + ":" + THEIRS)
                .messageIntegrity(OURS.password()).fingerprint().build();
        assertEquals(BindingOutcome.Status.SUCCESS, answer(request, BROWSER_V4).status());
    }

    @Test
    void theAnswerCanBeWrittenOverTheRequestItAnswers() throws StunParseException {
        byte[] buffer = new byte[1500];
        byte[] request = chromeCheck().useCandidate().messageIntegrity(OURS.password()).fingerprint().build();
        System.arraycopy(request, 0, buffer, 40, request.length);

        BindingOutcome outcome = responder.respond(StunMessage.parse(buffer, 40, request.length), BROWSER_V6, buffer, 40);

        assertEquals(BindingOutcome.Status.SUCCESS, outcome.status());
        assertTrue(outcome.nominated());
        StunResponseReader r = StunResponseReader.read(buffer, 40, outcome.responseLength());
        assertArrayEquals(Arrays.copyOfRange(request, 8, 20), r.transactionId());
        assertEquals(BROWSER_V6, r.xorMappedAddress());
        assertTrue(r.integrityChecksWith(OURS.password()));
        assertTrue(r.fingerprintChecks());
    }

    @Test
    void ourAnswerParsesWithOurOwnParser() throws StunParseException {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).fingerprint().build();
        BindingOutcome outcome = answer(request, BROWSER_V4);
        StunMessage parsed = StunMessage.parse(out, 0, outcome.responseLength());
        assertEquals(0x0101, parsed.messageType());
        assertTrue(parsed.fingerprintMatches());
        assertTrue(new MessageIntegrity(OURS.password()).matches(parsed));
    }

    @Test
    void oneResponderAnswersCheckAfterCheck() {
        for (int i = 0; i < 5; i++) {
            byte[] good = chromeCheck().transactionId(new byte[] {(byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
                    .messageIntegrity(OURS.password()).fingerprint().build();
            byte[] bad = chromeCheck().messageIntegrity("NotOurPasswordNotOurPass").fingerprint().build();
            BindingOutcome ok = answer(responder, good, BROWSER_V4);
            assertEquals(BindingOutcome.Status.SUCCESS, ok.status());
            assertEquals(i, response(ok).transactionId()[0]);
            assertEquals(BindingOutcome.Status.UNAUTHORIZED, answer(responder, bad, BROWSER_V4).status());
        }
    }

    @Test
    void anOutputBufferWithoutRoomForTheLongestAnswerIsACallerBug() throws StunParseException {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertThrows(IndexOutOfBoundsException.class, () -> responder.respond(m, BROWSER_V4, new byte[127], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> responder.respond(m, BROWSER_V4, new byte[200], 100));
    }

    @Test
    void anUnresolvedSourceIsACallerBug() throws StunParseException {
        byte[] request = chromeCheck().messageIntegrity(OURS.password()).build();
        StunMessage m = StunMessage.parse(request, 0, request.length);
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("browser.example", 5000);
        assertThrows(IllegalArgumentException.class, () -> responder.respond(m, unresolved, out, 0));
    }

    @Test
    void onlyASuccessCanBeANomination() {
        assertThrows(IllegalArgumentException.class,
                () -> new BindingOutcome(BindingOutcome.Status.UNAUTHORIZED, 48, true));
    }

    /**
     * Ten thousand mutations of a valid nominating check: byte flips, overwrites, truncations and
     * extensions, sometimes with the length field repaired so the attribute walk gets exercised.
     * None may throw anything but the parse exception, none may overflow the advertised answer size,
     * and none may forge an authenticated answer: every byte up to the end of MESSAGE-INTEGRITY is
     * vouched for (the length field through the adjusted value), so an accepted request must match
     * the original there. Whatever follows the integrity is not vouched for and may change freely.
     */
    @Test
    void tenThousandMutationsOfAValidCheckNeverThrowAndNeverForgeAnAuthenticatedAnswer() {
        byte[] original = chromeCheck().useCandidate().messageIntegrity(OURS.password()).fingerprint().build();
        survivesMutations(original, original.length - 8, new Random(8445));
    }

    /** Without FINGERPRINT most mutations that parse get as far as the integrity check. */
    @Test
    void tenThousandMutationsOfACheckWithoutFingerprintAreRefusedByTheIntegrityCheck() {
        byte[] original = chromeCheck().useCandidate().messageIntegrity(OURS.password()).build();
        survivesMutations(original, original.length, new Random(5389));
    }

    private void survivesMutations(byte[] original, int integrityEnd, Random random) {
        int answered = 0;
        int parsed = 0;

        for (int i = 0; i < 10_000; i++) {
            byte[] mutated = mutate(original, random);
            StunMessageTests.exerciseParse(mutated);
            StunMessage m;
            try {
                m = StunMessage.parse(mutated, 0, mutated.length);
            } catch (StunParseException refused) {
                continue;
            }
            parsed++;
            BindingOutcome outcome = responder.respond(m, BROWSER_V4, out, 0);
            assertTrue(outcome.responseLength() <= IceLiteResponder.MAX_RESPONSE_LENGTH);
            if (outcome.status().authenticated()) {
                answered++;
                assertTrue(mutated.length >= integrityEnd);
                assertArrayEquals(Arrays.copyOfRange(original, 0, 2), Arrays.copyOfRange(mutated, 0, 2));
                assertArrayEquals(Arrays.copyOfRange(original, 4, integrityEnd),
                        Arrays.copyOfRange(mutated, 4, integrityEnd), "forged at mutation " + i);
            }
            if (outcome.hasResponse()) {
                StunResponseReader r = StunResponseReader.read(out, 0, outcome.responseLength());
                assertTrue(r.fingerprintChecks());
            }
        }
        assertTrue(parsed > 1000, "the mutations should often survive parsing, were " + parsed);
        assertTrue(answered > 0, "some mutations leave the vouched-for part alone");
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] m = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> { // flip a few bits
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            case 2 -> m = Arrays.copyOf(m, random.nextInt(m.length)); // truncate
            case 3 -> { // extend with junk
                m = Arrays.copyOf(m, m.length + 1 + random.nextInt(40));
                for (int k = original.length; k < m.length; k++) {
                    m[k] = (byte) random.nextInt(256);
                }
            }
            default -> { // overwrite an attribute length, then resize to a 4-byte multiple with a repaired header
                int at = 20 + 4 * random.nextInt((m.length - 20) / 4);
                m[at + 2] = (byte) random.nextInt(2);
                m[at + 3] = (byte) random.nextInt(256);
                int length = 20 + 4 * random.nextInt((m.length + 16 - 20) / 4);
                m = Arrays.copyOf(m, length);
                m[2] = (byte) ((length - 20) >>> 8);
                m[3] = (byte) (length - 20);
            }
        }
        return m;
    }
}
