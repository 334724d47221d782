package io.cpaas.api.token;

import static io.cpaas.api.token.InvalidTokenException.Reason.BAD_SIGNATURE;
import static io.cpaas.api.token.InvalidTokenException.Reason.EXPIRED;
import static io.cpaas.api.token.InvalidTokenException.Reason.MALFORMED;
import static io.cpaas.api.token.InvalidTokenException.Reason.MISSING_CLAIM;
import static io.cpaas.api.token.InvalidTokenException.Reason.NOT_YET_VALID;
import static io.cpaas.api.token.InvalidTokenException.Reason.UNKNOWN_KEY;
import static io.cpaas.api.token.InvalidTokenException.Reason.UNSUPPORTED_ALGORITHM;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_AUDIENCE;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_ISSUER;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_ROOM;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_TENANT;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks are built by hand with the JDK alone (header and payload JSON, base64url, the signature), so
 * they do not depend on the code under test to produce them.
 */
class RoomTokenVerifierTests {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SigningKey KEY = SigningKey.generate();
    private static final SigningKey OTHER_KEY = SigningKey.generate();
    private static final RoomTokenSigner SIGNER = new RoomTokenSigner(KEY);
    private static final RoomTokenVerifier VERIFIER = new RoomTokenVerifier(PublicKeySet.of(KEY), CLOCK);
    private static final String ES256_HEADER = "{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"JWT\"}";

    // --- round trips -------------------------------------------------------------------------------------

    @Test
    void roomTokenComesBackAsTheClaimsThatWereSigned() {
        RoomTokenClaims claims = roomToken(NOW.minusSeconds(60), NOW.plusSeconds(3600));
        assertEquals(claims, VERIFIER.verifyRoomToken(SIGNER.sign(claims)));
    }

    @Test
    void roomTokenWithoutNameOrMetadataComesBackWithNulls() {
        RoomTokenClaims claims = new RoomTokenClaims("t_1", "standup", "bob", null, null, RoomGrants.subscribeOnly(),
                NOW, NOW, NOW.plusSeconds(60), "jti-2");
        assertEquals(claims, VERIFIER.verifyRoomToken(SIGNER.sign(claims)));
    }

    @Test
    void joinTicketComesBackAsTheClaimsThatWereSigned() {
        JoinTicketClaims ticket = ticket("worker-a");
        assertEquals(ticket, VERIFIER.verifyJoinTicket(SIGNER.sign(ticket), "worker-a"));
    }

    @Test
    void handMadeTokenWithEveryClaimIsAccepted() {
        // Proves the forging below is right, so each attack is refused for its own reason.
        RoomTokenClaims claims = VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, json(roomClaims())));
        assertEquals("alice", claims.identity());
        assertEquals(EnumSet.of(TrackSource.CAMERA, TrackSource.MICROPHONE), claims.grants().allowedSources());
    }

    @Test
    void tokenSignedWithTheOldKeyStillVerifiesWhileTheSetKeepsIt() {
        String oldToken = new RoomTokenSigner(OTHER_KEY).sign(roomToken(NOW, NOW.plusSeconds(60)));
        assertEquals("alice", new RoomTokenVerifier(PublicKeySet.of(KEY, OTHER_KEY), CLOCK)
                .verifyRoomToken(oldToken).identity());
        assertRefused(UNKNOWN_KEY, () -> VERIFIER.verifyRoomToken(oldToken));
    }

    @Test
    void expectedTenantAndRoomMustMatch() {
        String token = SIGNER.sign(roomToken(NOW, NOW.plusSeconds(60)));
        assertEquals("standup", VERIFIER.verifyRoomToken(token, "t_1", "standup").room());
        assertRefused(WRONG_TENANT, () -> VERIFIER.verifyRoomToken(token, "t_2", "standup"));
        assertRefused(WRONG_ROOM, () -> VERIFIER.verifyRoomToken(token, "t_1", "retro"));
    }

    // --- algorithm pinning -------------------------------------------------------------------------------

    @Test
    void algNoneIsRefused() {
        String payload = b64(json(roomClaims()));
        String validSignature = es256(KEY.privateKey(), ES256_HEADER, json(roomClaims())).split("\\.")[2];
        for (String alg : List.of("none", "None", "NONE")) {
            String header = b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"JWT\"}");
            assertRefused(UNSUPPORTED_ALGORITHM, () -> VERIFIER.verifyRoomToken(header + "." + payload + "."));
            assertRefused(UNSUPPORTED_ALGORITHM,
                    () -> VERIFIER.verifyRoomToken(header + "." + payload + "." + validSignature));
        }
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() {
        // The HS/ES confusion: a verifier that lets the header pick the algorithm would HMAC with "the key" it holds.
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(KEY.publicKeySpki())
                + "\n-----END PUBLIC KEY-----\n";
        List<byte[]> secrets = List.of(KEY.publicKeySpki(), pem.getBytes(US_ASCII),
                PublicKeySet.of(KEY).toJwksJson().getBytes(UTF_8), KEY.kid().getBytes(UTF_8));
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"JWT\"}";
        for (byte[] secret : secrets) {
            assertRefused(UNSUPPORTED_ALGORITHM, () -> VERIFIER.verifyRoomToken(hs256(secret, header, json(roomClaims()))));
        }
    }

    @Test
    void rs256IsRefused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"JWT\"}";
        String token = signed("SHA256withRSA", generator.generateKeyPair().getPrivate(), header, json(roomClaims()));
        assertRefused(UNSUPPORTED_ALGORITHM, () -> VERIFIER.verifyRoomToken(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"es256", "ES384", "ES512", "ES256K", "PS256", "EdDSA", "HS512", "RSA-OAEP"})
    void everyAlgorithmButEs256IsRefused(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"JWT\"}";
        // Signed with the real key so only the alg label is wrong.
        assertRefused(UNSUPPORTED_ALGORITHM, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), header, json(roomClaims()))));
    }

    // --- keys and signatures -----------------------------------------------------------------------------

    @Test
    void missingKidIsRefused() {
        String token = es256(KEY.privateKey(), "{\"alg\":\"ES256\",\"typ\":\"JWT\"}", json(roomClaims()));
        assertRefused(UNKNOWN_KEY, () -> VERIFIER.verifyRoomToken(token));
    }

    @Test
    void unknownKidIsRefused() {
        String token = es256(KEY.privateKey(), "{\"alg\":\"ES256\",\"kid\":\"nobody\"}", json(roomClaims()));
        assertRefused(UNKNOWN_KEY, () -> VERIFIER.verifyRoomToken(token));
    }

    @Test
    void tokenSignedByAnotherKeyUnderTheSameKidIsRefused() {
        String token = es256(OTHER_KEY.privateKey(), ES256_HEADER, json(roomClaims()));
        assertRefused(BAD_SIGNATURE, () -> VERIFIER.verifyRoomToken(token));
    }

    @Test
    void keyEmbeddedInTheHeaderIsNeverUsed() {
        ECPrivateKey attacker = SigningKey.generate().privateKey();
        String jwk = PublicKeySet.of(OTHER_KEY).toJwksJson().replaceFirst("^\\{\"keys\":\\[(.*)]}$", "$1");
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\",\"jwk\":" + jwk + "}";
        String token = es256(attacker, header, json(roomClaims()));
        assertRefused(BAD_SIGNATURE, () -> VERIFIER.verifyRoomToken(token));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = SIGNER.sign(roomToken(NOW, NOW.plusSeconds(60)));
        Map<String, String> claims = roomClaims();
        claims.put("grants", grants(Map.of("roomAdmin", "true")));
        String[] parts = token.split("\\.");
        assertRefused(BAD_SIGNATURE, () -> VERIFIER.verifyRoomToken(parts[0] + "." + b64(json(claims)) + "." + parts[2]));
    }

    @Test
    void tamperedHeaderIsRefused() {
        String[] parts = SIGNER.sign(roomToken(NOW, NOW.plusSeconds(60))).split("\\.");
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"at+jwt\"}");
        assertRefused(BAD_SIGNATURE, () -> VERIFIER.verifyRoomToken(header + "." + parts[1] + "." + parts[2]));
    }

    @Test
    void signaturesThatAreNotExactlyRAndSAreRefused() throws GeneralSecurityException {
        String input = b64(ES256_HEADER) + "." + b64(json(roomClaims()));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(KEY.privateKey());
        der.update(input.getBytes(US_ASCII));
        String valid = es256(KEY.privateKey(), ES256_HEADER, json(roomClaims())).split("\\.")[2];
        List<String> signatures = List.of(
                b64(der.sign()),                        // DER instead of r||s
                b64(new byte[64]),                      // r = s = 0, the "psychic signature" (CVE-2022-21449)
                "",                                     // none at all
                valid.substring(0, valid.length() - 4), // truncated
                valid + "AAAA");                        // padded
        for (String signature : signatures) {
            assertRefused(BAD_SIGNATURE, () -> VERIFIER.verifyRoomToken(input + "." + signature));
        }
    }

    @Test
    void unknownCriticalHeaderParameterIsRefused() {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\",\"crit\":[\"exp-policy\"],\"exp-policy\":1}";
        assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), header, json(roomClaims()))));
    }

    // --- time --------------------------------------------------------------------------------------------

    @Test
    void expiredTokenIsRefusedOnceTheSkewHasPassed() {
        assertRefused(EXPIRED, () -> VERIFIER.verifyRoomToken(SIGNER.sign(roomToken(NOW.minusSeconds(3600), NOW.minusSeconds(31)))));
        assertRefused(EXPIRED, () -> VERIFIER.verifyRoomToken(SIGNER.sign(roomToken(NOW.minusSeconds(3600), NOW.minusSeconds(30)))));
        assertEquals("alice", VERIFIER.verifyRoomToken(SIGNER.sign(roomToken(NOW.minusSeconds(3600), NOW.minusSeconds(29)))).identity());
    }

    @Test
    void tokenIsRefusedBeforeItsNotBeforeMinusTheSkew() {
        assertRefused(NOT_YET_VALID, () -> VERIFIER.verifyRoomToken(SIGNER.sign(roomToken(NOW.plusSeconds(31), NOW.plusSeconds(3600)))));
        assertEquals("alice", VERIFIER.verifyRoomToken(SIGNER.sign(roomToken(NOW.plusSeconds(30), NOW.plusSeconds(3600)))).identity());
    }

    @Test
    void skewIsConfigurable() {
        RoomTokenVerifier strict = new RoomTokenVerifier(PublicKeySet.of(KEY), CLOCK, Duration.ZERO);
        assertRefused(EXPIRED, () -> strict.verifyRoomToken(SIGNER.sign(roomToken(NOW.minusSeconds(60), NOW.minusSeconds(1)))));
        assertThrows(IllegalArgumentException.class, () -> new RoomTokenVerifier(PublicKeySet.of(KEY), CLOCK, Duration.ofSeconds(-1)));
    }

    @Test
    void expiredJoinTicketIsRefused() {
        JoinTicketClaims ticket = new JoinTicketClaims("t_1", "standup", "alice", "worker-a", null, RoomGrants.standard(),
                null, null, NOW.minusSeconds(120), NOW.minusSeconds(60), "tk-1");
        assertRefused(EXPIRED, () -> VERIFIER.verifyJoinTicket(SIGNER.sign(ticket), "worker-a"));
    }

    // --- audience and issuer -----------------------------------------------------------------------------

    @Test
    void ticketForWorkerAIsRefusedByWorkerB() {
        String ticket = SIGNER.sign(ticket("worker-a"));
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyJoinTicket(ticket, "worker-b"));
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyJoinTicket(ticket, "worker-"));
    }

    @Test
    void roomTokenIsRefusedAsAJoinTicket() {
        String token = SIGNER.sign(roomToken(NOW, NOW.plusSeconds(60)));
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyJoinTicket(token, "worker-a"));
    }

    @Test
    void joinTicketIsRefusedAsARoomToken() {
        String ticket = SIGNER.sign(ticket("worker-a"));
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyRoomToken(ticket));
    }

    @Test
    void tokenAddressedToSeveralAudiencesIsRefusedEverywhere() {
        Map<String, String> claims = roomClaims();
        claims.put("aud", "[\"cpaas-room\",\"cpaas-worker:worker-a\"]");
        String token = es256(KEY.privateKey(), ES256_HEADER, json(claims));
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyRoomToken(token));
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyJoinTicket(token, "worker-a"));
    }

    @Test
    void otherAudienceIsRefused() {
        Map<String, String> claims = roomClaims();
        claims.put("aud", "\"someone-else\"");
        assertRefused(WRONG_AUDIENCE, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, json(claims))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil", "CPAAS", "cpaas ", "https://cpaas"})
    void otherIssuerIsRefused(String issuer) {
        Map<String, String> claims = roomClaims();
        claims.put("iss", quoted(issuer));
        assertRefused(WRONG_ISSUER, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, json(claims))));
    }

    // --- claims ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "sub", "tid", "room", "grants", "iat", "nbf", "exp", "jti"})
    void tokenWithoutARequiredClaimIsRefused(String claim) {
        Map<String, String> claims = roomClaims();
        claims.remove(claim);
        assertRefused(MISSING_CLAIM, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, json(claims))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish", "subscribe", "publishData", "sources", "hidden", "roomAdmin"})
    void grantsWithoutAFieldAreRefused(String field) {
        Map<String, String> grants = grantFields();
        grants.remove(field);
        Map<String, String> claims = roomClaims();
        claims.put("grants", object(grants));
        assertRefused(MISSING_CLAIM, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, json(claims))));
    }

    static Stream<Arguments> claimsOfTheWrongType() {
        return Stream.of(
                Arguments.of("exp", "\"tomorrow\""), Arguments.of("iat", "true"), Arguments.of("nbf", "[1]"),
                Arguments.of("sub", "42"), Arguments.of("tid", "42"), Arguments.of("room", "{}"),
                Arguments.of("name", "7"), Arguments.of("metadata", "false"), Arguments.of("jti", "1"),
                Arguments.of("iss", "1"), Arguments.of("aud", "5"), Arguments.of("grants", "\"all\""),
                Arguments.of("grants", grants(Map.of("publish", "\"yes\""))),
                Arguments.of("grants", grants(Map.of("roomAdmin", "1"))),
                Arguments.of("grants", grants(Map.of("sources", "\"camera\""))),
                Arguments.of("grants", grants(Map.of("sources", "[\"laser\"]"))),
                Arguments.of("grants", grants(Map.of("sources", "[\"CAMERA\"]"))),
                Arguments.of("grants", grants(Map.of("sources", "[1]"))),
                Arguments.of("sub", "\"\""),
                Arguments.of("iat", Long.toString(NOW.plusSeconds(7200).getEpochSecond())));
    }

    @ParameterizedTest
    @MethodSource("claimsOfTheWrongType")
    void claimOfTheWrongTypeOrInconsistentValueIsRefused(String claim, String rawJson) {
        Map<String, String> claims = roomClaims();
        claims.put(claim, rawJson);
        assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, json(claims))));
    }

    // --- form --------------------------------------------------------------------------------------------

    @Test
    void tokenLongerThan8KibIsRefusedBeforeAnythingElse() {
        Map<String, String> claims = roomClaims();
        claims.put("metadata", quoted("x".repeat(RoomTokenVerifier.MAX_TOKEN_LENGTH)));
        String token = es256(KEY.privateKey(), ES256_HEADER, json(claims));
        assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(token));
        assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken("a".repeat(RoomTokenVerifier.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void tokenThatIsNotBase64UrlIsRefused() {
        String token = SIGNER.sign(roomToken(NOW, NOW.plusSeconds(60)));
        int dot = token.indexOf('.');
        List<String> broken = List.of(token + "=", token + "==", token.substring(0, dot) + "+" + token.substring(dot),
                token.substring(0, dot) + "/" + token.substring(dot), " " + token, token + "\n",
                token.replaceFirst("\\.", "%2E"), token.substring(0, dot) + "é" + token.substring(dot),
                token.replace('-', '+').replace('_', '/') + "+/");
        for (String candidate : broken) {
            assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(candidate));
        }
    }

    @Test
    void somethingThatIsNotACompactJwsIsRefused() {
        List<String> shapes = new ArrayList<>(List.of("", "abc", "a.b", "a.b.c.d", "..", "...", ".e30.", "e30..",
                SIGNER.sign(roomToken(NOW, NOW.plusSeconds(60))) + ".x"));
        shapes.add(null);
        for (String shape : shapes) {
            assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(shape));
        }
    }

    @Test
    void headerThatIsNotJsonIsRefused() {
        List<String> headers = List.of("not json", "[1]", "{\"alg\":\"ES256\"", "\"ES256\"", "{}",
                "{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\",\"alg\":\"none\"}", "{\"alg\":256}");
        for (String header : headers) {
            String token = b64(header) + "." + b64(json(roomClaims())) + "." + b64(new byte[64]);
            assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(token));
        }
    }

    @Test
    void correctlySignedPayloadThatIsNotJsonIsRefused() {
        String duplicateAudience = json(roomClaims()).replaceFirst("^\\{", "{\"aud\":\"cpaas-worker:w\",");
        for (String payload : List.of("not json", "[]", "{\"iss\":", "null", duplicateAudience)) {
            assertRefused(MALFORMED, () -> VERIFIER.verifyRoomToken(es256(KEY.privateKey(), ES256_HEADER, payload)));
        }
    }

    @Test
    void refusalMessagesNeverQuoteTheToken() {
        Map<String, String> claims = roomClaims();
        claims.put("metadata", quoted("secret-metadata-xyz"));
        claims.put("tid", "4242424242");
        List<String> tokens = List.of(
                es256(OTHER_KEY.privateKey(), ES256_HEADER, json(claims)),
                es256(KEY.privateKey(), ES256_HEADER, json(claims)),
                hs256(KEY.publicKeySpki(), "{\"alg\":\"HS256\",\"kid\":\"" + KEY.kid() + "\"}", json(claims)),
                b64("{\"alg\":\"ES256\",\"kid\":\"secret-kid-xyz\"") + "." + b64(json(claims)) + ".sig",
                es256(KEY.privateKey(), ES256_HEADER, "{\"secret-metadata-xyz\":"));
        for (String token : tokens) {
            InvalidTokenException refusal = assertThrows(InvalidTokenException.class, () -> VERIFIER.verifyRoomToken(token));
            String message = refusal.getMessage();
            for (String part : token.split("\\.")) {
                assertFalse(!part.isEmpty() && message.contains(part), message);
            }
            assertFalse(message.contains("secret") || message.contains("4242") || message.contains("alice"), message);
        }
    }

    // --- fixtures ----------------------------------------------------------------------------------------

    private static RoomTokenClaims roomToken(Instant notBefore, Instant expiresAt) {
        return new RoomTokenClaims("t_1", "standup", "alice", "Alice", "{\"seat\":3}",
                new RoomGrants(true, true, false, EnumSet.of(TrackSource.CAMERA, TrackSource.MICROPHONE), false, false),
                notBefore.minusSeconds(5), notBefore, expiresAt, "jti-1");
    }

    private static JoinTicketClaims ticket(String workerId) {
        return new JoinTicketClaims("t_1", "standup", "alice", workerId, "PA_abc", RoomGrants.standard(), "Alice", null,
                NOW, NOW.plusSeconds(30), "tk-1");
    }

    /** A valid room token's claims as raw JSON values, in the order the signer writes them. */
    private static Map<String, String> roomClaims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", quoted("cpaas"));
        claims.put("aud", quoted("cpaas-room"));
        claims.put("sub", quoted("alice"));
        claims.put("iat", Long.toString(NOW.minusSeconds(60).getEpochSecond()));
        claims.put("nbf", Long.toString(NOW.minusSeconds(60).getEpochSecond()));
        claims.put("exp", Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
        claims.put("jti", quoted("jti-1"));
        claims.put("tid", quoted("t_1"));
        claims.put("room", quoted("standup"));
        claims.put("name", quoted("Alice"));
        claims.put("grants", object(grantFields()));
        return claims;
    }

    private static Map<String, String> grantFields() {
        Map<String, String> grants = new LinkedHashMap<>();
        grants.put("publish", "true");
        grants.put("subscribe", "true");
        grants.put("publishData", "false");
        grants.put("sources", "[\"camera\",\"microphone\"]");
        grants.put("hidden", "false");
        grants.put("roomAdmin", "false");
        return grants;
    }

    private static String grants(Map<String, String> overrides) {
        Map<String, String> grants = grantFields();
        grants.putAll(overrides);
        return object(grants);
    }

    private static String json(Map<String, String> rawClaims) {
        return object(rawClaims);
    }

    private static String object(Map<String, String> rawMembers) {
        return rawMembers.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static String es256(ECPrivateKey key, String headerJson, String payloadJson) {
        return signed("SHA256withECDSAinP1363Format", key, headerJson, payloadJson);
    }

    private static String signed(String algorithm, PrivateKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input.getBytes(US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String hs256(byte[] secret, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(String s) {
        return b64(s.getBytes(UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void assertRefused(InvalidTokenException.Reason reason, Executable verification) {
        InvalidTokenException refusal = assertThrows(InvalidTokenException.class, verification);
        assertEquals(reason, refusal.reason(), refusal.getMessage());
    }
}
