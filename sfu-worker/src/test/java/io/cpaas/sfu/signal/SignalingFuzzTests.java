package io.cpaas.sfu.signal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.api.token.PublicKeySet;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.RoomTokenSigner;
import io.cpaas.api.token.RoomTokenVerifier;
import io.cpaas.api.token.SigningKey;
import io.cpaas.sfu.config.WorkerConfig;
import io.cpaas.sfu.events.EventJournal;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.pool.SpentTickets;
import io.cpaas.sfu.pool.TicketVerifier;
import io.cpaas.sfu.room.RoomRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Coverage-guided fuzzing (Jazzer) of the signaling protocol as one WebSocket connection speaks it:
 * the input is a series of text frames (one per line) given to a {@link SignalingSession} wired to
 * the real room registry and the real {@link MediaRouter} (SDP negotiation, peer connections). Frames
 * may say {@code $TICKET} for a valid join ticket of this worker and {@code $OFFER} for a Chromium
 * offer (JSON-escaped), so the fuzzer gets past the join into publishing. Whatever the frames, the
 * session answers with frames that have a type and closes with a 4xxx/1000 code at most; an exception
 * escaping {@code onMessage} is a finding. Seeds: {@code SignalingFuzzTestsInputs/}.
 */
class SignalingFuzzTests {

    private static final String WORKER_ID = "fuzz-worker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SigningKey KEY = SigningKey.generate();
    private static final RoomTokenSigner SIGNER = new RoomTokenSigner(KEY);
    private static final WorkerConfig CONFIG = config();
    private static final RoomRegistry ROOMS = new RoomRegistry();
    private static final MediaRouter MEDIA = new MediaRouter(JSON, CONFIG, ROOMS, new EventJournal(CONFIG));
    private static final TicketVerifier TICKETS = new TicketVerifier(null, CONFIG) {
        @Override
        public JoinTicketClaims verify(String ticket) {
            return new RoomTokenVerifier(PublicKeySet.of(KEY), Clock.systemUTC()).verifyJoinTicket(ticket, WORKER_ID);
        }
    };
    private static final String OFFER = jsonEscaped(resource("/sdp/chrome-offer-audio-video.sdp").replace("\n", "\r\n"));

    @FuzzTest(maxDuration = "5s")
    void anyFramesGetTypedAnswersAndNeverAnException(byte[] input) {
        RecordingChannel channel = new RecordingChannel();
        SignalingSession session = new SignalingSession(JSON, TICKETS, new SpentTickets(), ROOMS, MEDIA, channel);
        String ticket = ticket();
        try {
            for (String frame : new String(input, UTF_8).split("\n", 16)) {
                session.onMessage(frame.replace("$TICKET", ticket).replace("$OFFER", OFFER));
                if (channel.closeCode != 0) {
                    break;
                }
            }
        } finally {
            session.onClose();
        }
        for (ObjectNode sent : channel.sent) {
            assertTrue(sent.path("type").isTextual(), "every frame sent has a type: " + sent);
        }
        assertTrue(channel.closeCode == 0 || channel.closeCode == 1000 || channel.closeCode >= 4000 && channel.closeCode < 5000,
                "close codes are the protocol's: " + channel.closeCode);
    }

    private static String ticket() {
        Instant now = Instant.now();
        return SIGNER.sign(new JoinTicketClaims("tn_fuzz", "fuzz", "fuzzer", WORKER_ID, "PA_" + UUID.randomUUID(),
                RoomGrants.standard(), "Fuzzer", "{}", now, now.plusSeconds(30), UUID.randomUUID().toString()));
    }

    private static final class RecordingChannel implements SignalChannel {
        final List<ObjectNode> sent = new ArrayList<>();
        int closeCode;

        @Override
        public void send(ObjectNode message) {
            sent.add(message);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }
    }

    /** The worker's settings as a test would set them: media on an ephemeral loopback port. */
    private static WorkerConfig config() {
        Map<String, Object> values = Map.ofEntries(
                Map.entry("id", WORKER_ID), Map.entry("region", "local"), Map.entry("roomServiceUrl", "http://127.0.0.1:9"),
                Map.entry("clusterSecret", "unused"), Map.entry("signalUrl", "ws://127.0.0.1:9/rtc"),
                Map.entry("controlUrl", "http://127.0.0.1:9"), Map.entry("signalingTimeout", Duration.ofSeconds(30)),
                Map.entry("upstreamNack", true), Map.entry("skipSilentAudioFromSubscribers", 8),
                Map.entry("udp", proxy(WorkerConfig.Udp.class, Map.of("bindHost", "127.0.0.1", "port", 0,
                        "announcedAddresses", List.of("127.0.0.1:9")))),
                Map.entry("capacity", proxy(WorkerConfig.Capacity.class, Map.of("participants", 100, "tracks", 100))),
                Map.entry("events", proxy(WorkerConfig.Events.class, Map.of("capacity", 1000))),
                Map.entry("testing", proxy(WorkerConfig.Testing.class, Map.of("outgoingLossPercent", 0))));
        return proxy(WorkerConfig.class, values);
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + values;
            }
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.get(method.getName());
        }));
    }

    private static String resource(String name) {
        try (InputStream in = SignalingFuzzTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonEscaped(String text) {
        String quoted = JSON.getNodeFactory().textNode(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
