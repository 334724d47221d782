package io.cpaas.api.token;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RoomTokenSignerTests {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final SigningKey KEY = SigningKey.generate();
    private static final RoomTokenSigner SIGNER = new RoomTokenSigner(KEY);

    @Test
    void headerIsEs256WithTheKidAndTypeJwt() {
        String token = SIGNER.sign(roomToken("{\"seat\":3}"));
        assertEquals("{\"alg\":\"ES256\",\"kid\":\"" + KEY.kid() + "\",\"typ\":\"JWT\"}", part(token, 0));
        assertEquals(KEY.kid(), SIGNER.kid());
    }

    @Test
    void roomTokenPayloadUsesTheWireClaimNames() {
        String token = SIGNER.sign(roomToken("{\"seat\":3}"));
        long iat = NOW.getEpochSecond();
        assertEquals("{\"iss\":\"cpaas\",\"aud\":\"cpaas-room\",\"sub\":\"alice\",\"iat\":" + iat + ",\"nbf\":" + (iat + 10)
                + ",\"exp\":" + (iat + 3600) + ",\"jti\":\"jti-1\",\"tid\":\"t_1\",\"room\":\"standup\",\"name\":\"Alice\","
                + "\"metadata\":\"{\\\"seat\\\":3}\",\"grants\":{\"publish\":true,\"subscribe\":true,\"publishData\":false,"
                + "\"sources\":[\"camera\",\"screen_audio\"],\"hidden\":true,\"roomAdmin\":false}}", part(token, 1));
    }

    @Test
    void joinTicketIsAddressedToItsWorker() {
        JoinTicketClaims ticket = new JoinTicketClaims("t_1", "standup", "alice", "worker-7", "PA_1", RoomGrants.subscribeOnly(),
                null, null, NOW, NOW.plusSeconds(30), "tk-1");
        long iat = NOW.getEpochSecond();
        assertEquals("{\"iss\":\"cpaas\",\"aud\":\"cpaas-worker:worker-7\",\"sub\":\"alice\",\"iat\":" + iat + ",\"nbf\":" + iat
                + ",\"exp\":" + (iat + 30) + ",\"jti\":\"tk-1\",\"tid\":\"t_1\",\"room\":\"standup\",\"psid\":\"PA_1\","
                + "\"grants\":{\"publish\":false,\"subscribe\":true,\"publishData\":false,\"sources\":[],\"hidden\":false,"
                + "\"roomAdmin\":false}}", part(SIGNER.sign(ticket), 1));
    }

    @Test
    void absentNameAndMetadataAreLeftOut() {
        RoomTokenClaims claims = new RoomTokenClaims("t_1", "standup", "alice", null, null, RoomGrants.standard(),
                NOW, NOW, NOW.plusSeconds(60), "jti-1");
        String payload = part(SIGNER.sign(claims), 1);
        assertTrue(!payload.contains("\"name\"") && !payload.contains("\"metadata\"") && !payload.contains("null"), payload);
    }

    @Test
    void signatureIsRawRAndSThatThePlainJdkAccepts() throws GeneralSecurityException {
        String token = SIGNER.sign(roomToken(null));
        int lastDot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        assertEquals(64, signature.length);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(KEY.publicKey());
        verifier.update(token.substring(0, lastDot).getBytes(US_ASCII));
        assertTrue(verifier.verify(signature));
    }

    @Test
    void tokenLargerThanVerifiersAcceptIsRefusedAtSigning() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> SIGNER.sign(roomToken("x".repeat(RoomTokenVerifier.MAX_TOKEN_LENGTH))));
        assertTrue(refusal.getMessage().contains("metadata"), refusal.getMessage());
        SIGNER.sign(roomToken("x".repeat(RoomTokenVerifier.MAX_TOKEN_LENGTH / 2)));
    }

    @Test
    void oneSignerServesManyThreadsAtOnce() throws Exception {
        RoomTokenVerifier verifier = new RoomTokenVerifier(PublicKeySet.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                String identity = "user-" + thread;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        RoomTokenClaims claims = RoomTokenClaims.issue("t_1", "standup", identity, null, "n" + i,
                                RoomGrants.standard(), NOW, Duration.ofMinutes(5));
                        if (!verifier.verifyRoomToken(SIGNER.sign(claims)).equals(claims)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RoomTokenClaims roomToken(String metadata) {
        return new RoomTokenClaims("t_1", "standup", "alice", "Alice", metadata,
                new RoomGrants(true, true, false, EnumSet.of(TrackSource.SCREEN_AUDIO, TrackSource.CAMERA), true, false),
                NOW, NOW.plusSeconds(10), NOW.plusSeconds(3600), "jti-1");
    }

    private static String part(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), UTF_8);
    }
}
