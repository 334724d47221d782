package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls in real Chromium (fake camera and microphone) through the real join flow: room-service
 * places the room on this worker, the browsers speak the signaling protocol from a plain
 * RTCPeerConnection page, and every participant must decode every other one's video and hear
 * their audio (getStats). The browser side is src/test/browser/call.mjs.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class BrowserCallTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    MediaRouter router;
    private static final Path SCRIPT = Path.of("src", "test", "browser", "call.mjs");

    @Test
    void twoParticipantsReceiveEachOthersAudioAndVideo() throws Exception {
        JsonNode result = call("pair", 2, Map.of());
        assertEquals(2, result.path("participants").size());
    }

    @Test
    void fourParticipantsEachReceiveTheThreeOthersAndALateJoinerGetsAPictureQuickly() throws Exception {
        JsonNode result = call("four", 4, Map.of("late", true));
        assertTrue(result.path("late").path("ok").asBoolean(), result.toString());
        // PLI on subscription: the late joiner does not wait for the publishers' periodic keyframes.
        assertTrue(result.path("late").path("firstFrameMs").asLong() < 3000, "late joiner's first frame: " + result.path("late"));
    }

    @Test
    void aParticipantLeavingRemovesItsTracksFromEveryone() throws Exception {
        JsonNode result = call("leaving", 3, Map.of("leaveLast", true));
        for (JsonNode participant : result.path("afterLeave")) {
            assertTrue(participant.path("sawTrackUnpublished").asBoolean(), result.toString());
        }
    }

    @Test
    void garbageAndForeignStunAtTheMediaPortDoNotDisturbACall() throws Exception {
        long droppedBefore = router.dropped("UNKNOWN_ADDRESS") + router.dropped("UNKNOWN_UFRAG") + router.dropped("UNKNOWN_CLASS")
                + router.dropped("MALFORMED_STUN");
        try (HostileDatagrams flood = HostileDatagrams.start(router.transport().localAddress().getPort(), 40_000, 1_500)) {
            call("flooded", 2, Map.of());
            assertTrue(flood.sent() > 1000, "the flood ran during the call: " + flood.sent());
        }
        long droppedAfter = router.dropped("UNKNOWN_ADDRESS") + router.dropped("UNKNOWN_UFRAG") + router.dropped("UNKNOWN_CLASS")
                + router.dropped("MALFORMED_STUN");
        assertTrue(droppedAfter - droppedBefore > 1000, "hostile datagrams were counted and dropped");
    }

    @Test
    void mediaCountersReachTheMetricsEndpoint() throws Exception {
        call("metered", 2, Map.of());
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("cpaas_worker_rtp_packets_out_total"), "metrics list forwarded packets");
        assertTrue(router.counters().rtpOut() > 100, "packets were forwarded: " + router.counters().rtpOut());
        assertTrue(router.counters().keyframeRequests() > 0, "subscribers' PLIs reached the publishers");
    }

    static JsonNode call(String room, int participants, Map<String, Object> extra) throws IOException, InterruptedException {
        Tenants tenant = Tenants.create("Browser " + room);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            tokens.add(tenant.token(room, "user" + i));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("tokens", tokens);
        options.put("timeoutMs", 20_000);
        if (Boolean.TRUE.equals(extra.get("late"))) {
            options.put("lateToken", tenant.token(room, "late"));
        }
        if (Boolean.TRUE.equals(extra.get("leaveLast"))) {
            options.put("leaveLast", true);
        }
        Path output = Files.createTempFile("browser-call", ".json");
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the browser test did not finish in 120 s");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
        String lastLine = printed.substring(printed.lastIndexOf('\n') + 1);
        JsonNode result = JSON.readTree(lastLine.isEmpty() ? "{}" : lastLine);
        assertEquals(0, process.exitValue(), "browser call failed: " + printed);
        assertTrue(result.path("ok").asBoolean(), printed);
        return result;
    }
}
