package io.cpaas.api.token;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Coverage-guided fuzzing (Jazzer) of the verifier that every room token and join ticket meets before
 * anything else. Whatever arrives, it either returns claims or throws {@link InvalidTokenException};
 * any other exception (or error) is a finding. The second target signs the fuzzed header and payload
 * with the trusted key, so the fuzzer gets past the signature into claim parsing, where hostile
 * values are most interesting. Plain {@code mvn test} replays the inputs in
 * {@code RoomTokenVerifierFuzzTestsInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class RoomTokenVerifierFuzzTests {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final SigningKey KEY = SigningKey.generate();
    private static final RoomTokenVerifier VERIFIER =
            new RoomTokenVerifier(PublicKeySet.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC));

    @FuzzTest(maxDuration = "10s")
    void anyStringIsAcceptedOrRefusedAsAnInvalidToken(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        verifyBothWays(token);
    }

    @FuzzTest(maxDuration = "10s")
    void anyCorrectlySignedHeaderAndPayloadIsAcceptedOrRefusedAsAnInvalidToken(FuzzedDataProvider data) {
        String header = data.consumeBoolean()
                ? "{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\"" + data.consumeString(40) + "}"
                : data.consumeString(200);
        String payload = data.consumeRemainingAsString();
        String input = b64(header.getBytes(UTF_8)) + "." + b64(payload.getBytes(UTF_8));
        String token = input + "." + b64(es256(input));
        verifyBothWays(token);
    }

    private static void verifyBothWays(String token) {
        try {
            RoomTokenClaims claims = VERIFIER.verifyRoomToken(token);
            // Accepted: it must then be what the signer would write for these claims' audience and times.
            assertEquals(false, claims.expiresAt().isBefore(NOW.minus(RoomTokenVerifier.DEFAULT_CLOCK_SKEW)), "expired yet accepted");
        } catch (InvalidTokenException expected) {
            // refused with a reason: the only other outcome allowed
        }
        try {
            VERIFIER.verifyJoinTicket(token, "w-1");
        } catch (InvalidTokenException expected) {
            // as above
        }
    }

    private static byte[] es256(String input) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(KEY.privateKey());
            signature.update(input.getBytes(US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
