package io.cpaas.sfu.sdk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.cpaas.sfu.room.RoomRegistry;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * The browser SDK (sdk-js/dist/cpaas.min.js, built before this test runs) in real Chromium with
 * fake camera and microphone, against the real room-service and this worker: media both ways,
 * meetings, data, mute, selective subscription, grants, errors and reconnection. The browser side
 * is src/test/browser/sdk-call.mjs driving src/test/browser/sdk.html.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
public class SdkCallTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RoomRegistry rooms;
    private static final Path SCRIPT = Path.of("src", "test", "browser", "sdk-call.mjs");
    private static final int ROUNDS = Integer.getInteger("cpaas.sdk.latency-rounds", 7);

    @Test
    void twoParticipantsDecodeEachOthersVideoAndHearEachOther() throws Exception {
        JsonNode result = run("meeting", "sdk-pair", 2, Map.of());
        assertEquals(2, result.path("participants").size(), result.toString());
    }

    @Test
    void inAFourPersonMeetingEveryoneDecodesEveryone() throws Exception {
        JsonNode result = run("meeting", "sdk-four", 4, Map.of());
        for (JsonNode participant : result.path("participants")) {
            assertEquals(3, participant.path("growing").asInt(), result.toString());
        }
    }

    /**
     * Join to first remote video frame, measured over several rounds and printed (docs/benchmarks.md
     * keeps the figure); asserted only as "it happens", not as a time.
     */
    @Test
    void aJoinerDecodesThePublishersVideoInEveryRoundAndTheTimeToFirstFrameIsReported() throws Exception {
        Tenants tenant = Tenants.create("SDK latency");
        List<List<String>> rounds = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            rounds.add(List.of(tenant.token("sdk-latency-" + i, "publisher"), tenant.token("sdk-latency-" + i, "joiner")));
        }
        JsonNode result = run(tenant, "latency", "sdk-latency", 0, Map.of("rounds", rounds));
        assertEquals(ROUNDS, result.path("firstFrameMs").size(), result.toString());
        System.out.println("sdk join to first remote video frame, ms: " + result.path("firstFrameMs") + ", median "
                + result.path("medianFirstFrameMs"));
    }

    @Test
    void dataMessagesArriveInOrderAndOnlyAtTheirTargets() throws Exception {
        run("data", "sdk-data", 3, Map.of());
    }

    @Test
    void muteUnpublishAndSelectiveSubscriptionShowAtTheOtherSide() throws Exception {
        run("mute", "sdk-mute", 2, Map.of());
    }

    @Test
    void withoutAutoSubscribeOnlyTheTracksAskedForArrive() throws Exception {
        run("selective", "sdk-selective", 2, Map.of());
    }

    @Test
    void aSecondPageOfTheSameIdentityReplacesTheFirstWhichDoesNotComeBack() throws Exception {
        run("replaced", "sdk-replaced", 2, Map.of());
    }

    @Test
    void aSubscribeOnlyParticipantReceivesButCannotPublish() throws Exception {
        Tenants tenant = Tenants.create("SDK viewer");
        String viewer = tenant.token("sdk-viewer", Map.of("identity", "viewer", "grants", Map.of("publish", false)));
        run(tenant, "subscribeOnly", "sdk-viewer", 1, Map.of("viewerToken", viewer));
    }

    @Test
    void badUrlInvalidTokenFullRoomAndDeniedCameraAreClearErrors() throws Exception {
        Tenants tenant = Tenants.create("SDK errors");
        given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "sdk-full", "maxParticipants", 1)).post("/v1/rooms").then().statusCode(201);
        JsonNode result = run(tenant, "errors", "sdk-full", 2, Map.of());
        assertTrue(result.path("errors").path("full").path("error").path("message").asText().contains("full"), result.toString());
    }

    @Test
    void aLostSignalingConnectionRejoinsRepublishesAndResubscribes() throws Exception {
        JsonNode result = run("reconnect", "sdk-reconnect", 2, Map.of());
        assertTrue(result.path("mediaBackMs").asLong() < 10_000, "media back within 10 s: " + result.path("mediaBackMs"));
    }

    @Test
    void aCallOutlivesItsTokensAndRejoinsWithAFreshOneOnlyWhenTheAppGivesIt() throws Exception {
        Tenants tenant = Tenants.create("SDK token expiry");
        String room = "sdk-token-expiry";
        List<String> tokens = List.of(tenant.token(room, Map.of("identity", "user0", "ttl", 60)), tenant.token(room, "user1"),
                tenant.token(room, Map.of("identity", "user2", "ttl", 60)));
        JsonNode result = interactive("tokenExpiry", tokens, Map.of("freshToken", tenant.token(room, "user0")), (command, body) -> { });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }

    @Test
    void aScreenShareAppearsForTheOthersAndGoesAwayWhenStopped() throws Exception {
        run("screen", "sdk-screen", 2, Map.of());
    }

    /**
     * The worker drops every participant with 4005, as when room-service released its rooms or the
     * worker stops: the SDK joins again through room-service by itself, republishes and resubscribes.
     */
    @Test
    void roomsClosedByTheWorkerWithoutRemovalAreJoinedAgain() throws Exception {
        Tenants tenant = Tenants.create("SDK server drop");
        List<String> tokens = List.of(tenant.token("sdk-server-drop", "user0"), tenant.token("sdk-server-drop", "user1"));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("scenario", "serverDrop");
        options.put("tokens", tokens);
        options.put("timeoutMs", 20_000);
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = "";
        boolean dropped = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("READY") && !dropped) {
                    rooms.closeAll("test", "rooms released by the test");
                    dropped = true;
                } else if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the SDK browser test did not finish in 150 s");
        }
        System.out.println("sdk serverDrop: " + last);
        assertTrue(dropped, "the page never got ready: " + last);
        JsonNode result = JSON.readTree(last.isEmpty() ? "{}" : last);
        assertEquals(0, process.exitValue(), last);
        assertTrue(result.path("ok").asBoolean(), last);
        assertTrue(result.path("mediaBackMs").asLong() < 10_000, "media back within 10 s: " + last);
    }

    /** Server mute and removal through room-service's participant control, seen through the SDK. */
    @Test
    void aServerMuteAndARemovalThroughRoomServiceShowInTheSdk() throws Exception {
        Tenants tenant = Tenants.create("SDK moderation");
        String room = "sdk-moderation";
        List<String> tokens = List.of(tenant.token(room, "user0"), tenant.token(room, "user1"));
        JsonNode result = interactive("moderation", tokens, (command, body) -> {
            var request = given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key());
            String identity = body.path("identity").asText();
            if (command.equals("mute")) {
                request.contentType(ContentType.JSON).body(Map.of("trackSid", body.path("trackSid").asText(), "muted", true))
                        .post("/v1/rooms/" + room + "/participants/" + identity + "/mute").then().statusCode(200);
            } else if (command.equals("remove")) {
                request.delete("/v1/rooms/" + room + "/participants/" + identity).then().statusCode(204);
            }
        });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }

    /**
     * Runs a scenario that asks this side to act: every line {@code CMD <name> <json>} it prints goes
     * to {@code onCommand}; the last other line is the result.
     */
    public static JsonNode interactive(String scenario, List<String> tokens, java.util.function.BiConsumer<String, JsonNode> onCommand)
            throws IOException, InterruptedException {
        return interactive(scenario, tokens, Map.of(), onCommand);
    }

    /** {@link #interactive(String, List, java.util.function.BiConsumer)} with more options for the script. */
    public static JsonNode interactive(String scenario, List<String> tokens, Map<String, Object> extra,
                                       java.util.function.BiConsumer<String, JsonNode> onCommand) throws IOException, InterruptedException {
        Map<String, Object> options = new LinkedHashMap<>(extra);
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("scenario", scenario);
        options.put("tokens", tokens);
        options.put("timeoutMs", 20_000);
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("CMD ")) {
                    String[] parts = line.split(" ", 3);
                    onCommand.accept(parts[1], JSON.readTree(parts[2]));
                } else if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the SDK browser test did not finish in 150 s");
        }
        System.out.println("sdk " + scenario + ": " + last);
        JsonNode result = JSON.readTree(last.isEmpty() ? "{}" : last);
        String output = last;
        assertEquals(0, process.exitValue(), () -> failureSummary(result) + "\n" + output);
        return result;
    }

    /** The names of the failed checks and the pages' SDK logs: the long result after it is often cut in CI output. */
    private static String failureSummary(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("checks").fields().forEachRemaining(check -> {
            if (check.getValue().isBoolean() && !check.getValue().asBoolean()) names.add(check.getKey());
        });
        return "failed checks: " + names + "\nSDK logs: " + result.path("logs");
    }

    private static JsonNode run(String scenario, String room, int participants, Map<String, Object> extra)
            throws IOException, InterruptedException {
        return run(Tenants.create("SDK " + room), scenario, room, participants, extra);
    }

    static JsonNode run(Tenants tenant, String scenario, String room, int participants, Map<String, Object> extra)
            throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            tokens.add(tenant.token(room, "user" + i));
        }
        Map<String, Object> options = new LinkedHashMap<>(extra);
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("scenario", scenario);
        options.put("tokens", tokens);
        options.put("timeoutMs", 20_000);
        Path output = Files.createTempFile("sdk-call", ".json");
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the SDK browser test did not finish in 150 s");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
        String lastLine = printed.substring(printed.lastIndexOf('\n') + 1);
        JsonNode result = JSON.readTree(lastLine.isEmpty() ? "{}" : lastLine);
        System.out.println("sdk " + scenario + ": " + lastLine);
        assertEquals(0, process.exitValue(), "SDK browser test " + scenario + " failed: " + printed);
        assertTrue(result.path("ok").asBoolean(), printed);
        return result;
    }
}
