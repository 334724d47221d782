package io.cpaas.sfu.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of the first code that reads a STUN datagram from anyone on the
 * network: the RFC 7983 check, the parser and the ICE-lite responder, as the demultiplexer calls them.
 * Whatever arrives, parsing ends in a message or a {@link StunParseException}, answers fit the output
 * buffer and parse back, and nothing is read outside the datagram (it is parsed alone and inside
 * garbage, with the same results). The second target signs fuzzed requests with the right password,
 * so the fuzzer also explores what an authenticated peer can make the responder do. Plain
 * {@code mvn test} replays {@code StunFuzzTestsInputs/}; see docs/reliability.md to fuzz.
 */
class StunFuzzTests {

    /** RFC 5769's sample request is addressed to ufrag "evtj" with this password: a ready seed. */
    private static final IceCredentials LOCAL = new IceCredentials("evtj", Rfc5769.PASSWORD);
    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.1", 32853);
    private static final InetSocketAddress SOURCE_V6 = new InetSocketAddress("2001:db8::1", 40000);
    private static final byte GARBAGE = (byte) 0xA5;

    private final IceLiteResponder responder = new IceLiteResponder(LOCAL);

    @FuzzTest(maxDuration = "5s")
    void anyDatagramIsParsedOrRefusedAndAnyAnswerFitsAndParses(byte[] datagram) {
        String alone = handle(datagram.clone(), 0, datagram.length, SOURCE);
        byte[] embedded = new byte[datagram.length + 48];
        Arrays.fill(embedded, GARBAGE);
        System.arraycopy(datagram, 0, embedded, 24, datagram.length);
        assertEquals(alone, handle(embedded, 24, datagram.length, SOURCE), "the same bytes at another offset");
    }

    @FuzzTest(maxDuration = "5s")
    void signedRequestsOfAnyShapeGetAnAnswerByTheRules(FuzzedDataProvider data) {
        StunRequestBuilder request = StunRequestBuilder.bindingRequest();
        if (data.consumeBoolean()) {
            request.messageType(data.consumeInt(0, 0x3FFF));
        }
        int attributes = data.consumeInt(0, 6);
        for (int i = 0; i < attributes; i++) {
            switch (data.consumeInt(0, 5)) {
                case 0 -> request.username(data.consumeBoolean() ? LOCAL.ufrag() + ":" + data.consumeString(16) : data.consumeString(64));
                case 1 -> request.priority(data.consumeLong());
                case 2 -> request.useCandidate();
                case 3 -> request.iceControlling(data.consumeLong());
                case 4 -> request.iceControlled(data.consumeLong());
                default -> request.attribute(data.consumeInt(0, 0xFFFF), data.consumeBytes(data.consumeInt(0, 40)));
            }
        }
        if (data.consumeBoolean()) {
            // A wrong password is never empty: an HMAC key cannot be (the fuzzer found the builder refusing one).
            request.messageIntegrity(data.consumeBoolean() ? LOCAL.password() : "x" + data.consumeString(30));
        }
        if (data.consumeBoolean()) {
            request.fingerprint();
        }
        byte[] datagram = request.build();
        handle(datagram, 0, datagram.length, data.consumeBoolean() ? SOURCE : SOURCE_V6);
    }

    /** What the worker makes of one datagram, as text: every accessor and the answer. */
    private String handle(byte[] buf, int off, int len, InetSocketAddress source) {
        if (!StunMessage.looksLikeStun(buf, off, len)) {
            return "not stun";
        }
        StunMessage message;
        try {
            message = StunMessage.parse(buf, off, len);
        } catch (StunParseException e) {
            return "refused";
        }
        StringBuilder seen = new StringBuilder("parsed ").append(message.messageType()).append(' ').append(message.length())
                .append(' ').append(Arrays.toString(message.transactionId()));
        if (message.hasUsername()) {
            seen.append(" user=").append(message.username()).append('/').append(message.localUfrag()).append('/').append(message.remoteUfrag());
        }
        if (message.hasPriority()) {
            seen.append(" prio=").append(message.priority());
        }
        seen.append(' ').append(message.useCandidate()).append(message.iceControlling()).append(message.iceControlled())
                .append(message.hasMessageIntegrity()).append(message.hasFingerprint());
        if (message.hasFingerprint()) {
            seen.append(message.fingerprintMatches());
        }
        if (message.iceControlling() || message.iceControlled()) {
            seen.append(" tb=").append(message.tieBreaker());
        }
        byte[] out = new byte[IceLiteResponder.MAX_RESPONSE_LENGTH + 8];
        BindingOutcome outcome = responder.respond(message, source, out, 4);
        seen.append(' ').append(outcome);
        if (outcome.hasResponse()) {
            assertTrue(outcome.responseLength() <= IceLiteResponder.MAX_RESPONSE_LENGTH, outcome.toString());
            StunResponseReader answer = StunResponseReader.read(out, 4, outcome.responseLength());
            assertTrue(answer.fingerprintChecks(), "every answer carries a valid FINGERPRINT");
            assertTrue(Arrays.equals(message.transactionId(), answer.transactionId()), "and the request's transaction id");
            if (outcome.status().authenticated()) {
                assertTrue(answer.integrityChecksWith(LOCAL.password()), "authenticated answers are signed with our password");
            }
            if (outcome.status() == BindingOutcome.Status.SUCCESS) {
                assertEquals(source, answer.xorMappedAddress(), "a success maps the source address");
            }
        }
        return seen.toString();
    }
}
