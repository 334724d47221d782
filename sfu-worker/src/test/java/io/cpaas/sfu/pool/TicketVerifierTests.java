package io.cpaas.sfu.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.api.token.InvalidTokenException;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.api.token.PublicKeySet;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.RoomTokenSigner;
import io.cpaas.api.token.SigningKey;
import io.cpaas.sfu.config.WorkerConfig;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketVerifierTests {

    private static final String WORKER_ID = "w-tickets";
    private final SigningKey key = SigningKey.generate();

    /** A room-service whose JWKS answers come from a script: an exception or a document each. */
    private final class ScriptedRoomService extends RoomServiceClient {
        final Deque<Object> answers = new ArrayDeque<>();
        int calls;

        ScriptedRoomService() {
            super(new ObjectMapper(), config());
        }

        @Override
        public String jwks() throws IOException {
            calls++;
            Object answer = answers.isEmpty() ? new IOException("no more answers") : answers.poll();
            if (answer instanceof IOException failure) {
                throw failure;
            }
            return (String) answer;
        }
    }

    @Test
    void aFailedKeyFetchIsRetriedSoonSoTheNextJoinIsNotRefusedForSeconds() throws Exception {
        ScriptedRoomService roomService = new ScriptedRoomService();
        roomService.answers.add(new IOException("connect timed out"));
        roomService.answers.add(PublicKeySet.of(key).toJwksJson());
        TicketVerifier verifier = new TicketVerifier(roomService, config());

        assertThrows(InvalidTokenException.class, () -> verifier.verify(ticket()));
        Thread.sleep(400); // past the short back-off after a failure, well within the 5 s after a success
        assertEquals("alice", verifier.verify(ticket()).identity());
        assertEquals(2, roomService.calls);
    }

    @Test
    void unknownKeysDoNotMakeItFetchAgainAndAgain() {
        ScriptedRoomService roomService = new ScriptedRoomService();
        roomService.answers.add(PublicKeySet.of(key).toJwksJson());
        TicketVerifier verifier = new TicketVerifier(roomService, config());
        assertEquals("alice", verifier.verify(ticket()).identity());

        String foreign = new RoomTokenSigner(SigningKey.generate()).sign(claims());
        for (int i = 0; i < 20; i++) {
            assertThrows(InvalidTokenException.class, () -> verifier.verify(foreign));
        }
        assertEquals(1, roomService.calls, "a key set that worked is fetched again at most every 5 s");
    }

    private String ticket() {
        return new RoomTokenSigner(key).sign(claims());
    }

    private static JoinTicketClaims claims() {
        Instant now = Instant.now();
        return new JoinTicketClaims("tn_tickets", "room", "alice", WORKER_ID, "PA_" + UUID.randomUUID(),
                RoomGrants.standard(), "Alice", "{}", now, now.plusSeconds(30), UUID.randomUUID().toString());
    }

    private static WorkerConfig config() {
        Map<String, Object> values = Map.of("id", WORKER_ID, "roomServiceUrl", "http://127.0.0.1:9");
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(), new Class<?>[] {WorkerConfig.class},
                (self, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}
