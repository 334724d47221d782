package io.cpaas.sfu.sdk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.room.ParticipantTraffic;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's 1:1 calls and broadcasts in real Chromium against the real room-service, this worker and
 * coturn: a `call` room's two participants connect directly (browser to browser, or through coturn
 * with {@code iceTransportPolicy: 'relay'}) while the worker relays only signaling and carries no
 * media; a failed direct path or a third participant moves the call to the SFU by itself. The
 * browser side is the p2p* and broadcast scenarios of src/test/browser/sdk-call.mjs.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
public class SdkPeerCallTests {

    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Inject
    RoomRegistry rooms;

    @Test
    void aOneToOneCallConnectsPeerToPeerAndTheWorkerCarriesNoMedia() throws Exception {
        Tenants tenant = Tenants.create("SDK p2p");
        createRoom(tenant, "sdk-p2p", Map.of());
        List<String> failures = new ArrayList<>();
        JsonNode result = SdkCallTests.interactive("p2p", tokens(tenant, "sdk-p2p", 2), Map.of(),
                (command, body) -> checkTraffic(tenant, "sdk-p2p", body, failures));
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertEquals(List.of(), failures);
        System.out.println("sdk p2p candidate pairs: " + result.path("pairs"));
        JsonPath participants = awaitEveryoneLeft(tenant, "sdk-p2p", 2);
        for (int i = 0; i < 2; i++) {
            assertTrue(participants.getDouble("items[" + i + "].durationSeconds") > 1, "the call's minutes count: " + participants.prettify());
            assertEquals(0, participants.getLong("items[" + i + "].bytesIn"), "no media through the SFU: " + participants.prettify());
            assertEquals(0, participants.getLong("items[" + i + "].bytesOut"), "no media through the SFU: " + participants.prettify());
        }
    }

    @Test
    void aOneToOneCallForcedThroughTurnRelaysTheDirectPathThroughCoturn() throws Exception {
        Tenants tenant = Tenants.create("SDK p2p relay");
        createRoom(tenant, "sdk-p2p-relay", Map.of());
        List<String> failures = new ArrayList<>();
        Map<String, Object> options = Map.of("relay", true, "turnPort", turnPort(), "roomOptions", Map.of("iceTransportPolicy", "relay"));
        JsonNode result = SdkCallTests.interactive("p2p", tokens(tenant, "sdk-p2p-relay", 2), options,
                (command, body) -> checkTraffic(tenant, "sdk-p2p-relay", body, failures));
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertEquals(List.of(), failures);
        System.out.println("sdk p2p relay candidate pairs: " + result.path("pairs"));
    }

    @Test
    void aDirectPathThatDoesNotComeUpInTimeMovesTheCallToTheSfu() throws Exception {
        Tenants tenant = Tenants.create("SDK p2p fallback");
        createRoom(tenant, "sdk-p2p-fallback", Map.of());
        JsonNode result = SdkCallTests.interactive("p2pFallback", tokens(tenant, "sdk-p2p-fallback", 2), (command, body) -> { });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }

    @Test
    void aThirdParticipantMovesTheCallToTheSfuWhereEveryoneDecodesEveryone() throws Exception {
        Tenants tenant = Tenants.create("SDK p2p third");
        createRoom(tenant, "sdk-p2p-third", Map.of("maxParticipants", 3));
        List<String> failures = new ArrayList<>();
        JsonNode result = SdkCallTests.interactive("p2pThird", tokens(tenant, "sdk-p2p-third", 3), Map.of(),
                (command, body) -> checkTraffic(tenant, "sdk-p2p-third", body, failures));
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertEquals(List.of(), failures);
    }

    @Test
    void aBroadcastsSixViewersAllDecodeTheHostAndCannotPublish() throws Exception {
        Tenants tenant = Tenants.create("SDK broadcast");
        String room = "sdk-broadcast";
        createRoom(tenant, room, Map.of("mode", "broadcast"));
        List<String> viewers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            viewers.add(tenant.token(room, Map.of("identity", "viewer" + i, "grants", Map.of("publish", false))));
        }
        JsonNode result = SdkCallTests.run(tenant, "broadcastSixViewers", room, 1, Map.of("viewerTokens", viewers));
        assertEquals(6, result.path("viewers").size(), result.toString());
    }

    private static void createRoom(Tenants tenant, String name, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "mode", "call"));
        body.putAll(settings);
        given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(body).post("/v1/rooms").then().statusCode(201);
    }

    private static List<String> tokens(Tenants tenant, String room, int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(tenant.token(room, "user" + i));
        }
        return tokens;
    }

    /** On the page's CMD traffic: the worker's RTP counters of the room are all zero ("none") or not ("some"). */
    private void checkTraffic(Tenants tenant, String room, JsonNode body, List<String> failures) {
        List<ParticipantTraffic.Totals> totals = rooms.find(tenant.id(), room).orElseThrow().participants().stream()
                .map(p -> p.traffic().totals()).toList();
        long in = totals.stream().mapToLong(ParticipantTraffic.Totals::bytesIn).sum();
        long out = totals.stream().mapToLong(ParticipantTraffic.Totals::bytesOut).sum();
        boolean none = body.path("expect").asText().equals("none");
        if (none ? in != 0 || out != 0 : in == 0 || out == 0) {
            failures.add("worker traffic expected " + body.path("expect").asText() + ": " + totals);
        }
    }

    private static int turnPort() {
        String port = System.getenv("CPAAS_TEST_TURN_PORT");
        return Integer.parseInt(port == null || port.isBlank() ? "13478" : port);
    }

    /** The participants of the room's only session once they have all left (events arrive with heartbeats). */
    private static JsonPath awaitEveryoneLeft(Tenants tenant, String room, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonPath participants = null;
        while (Instant.now().isBefore(deadline)) {
            String session = api(tenant).get("/v1/rooms/" + room + "/sessions").then().statusCode(200).extract().path("items[0].sid");
            if (session != null) {
                participants = api(tenant).get("/v1/rooms/" + room + "/sessions/" + session + "/participants")
                        .then().statusCode(200).extract().jsonPath(EXACT);
                List<Object> leftAt = participants.getList("items.leftAt");
                if (leftAt.size() == count && leftAt.stream().allMatch(at -> at != null)) {
                    return participants;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the participants' departures never reached room-service: "
                + (participants == null ? "no session" : participants.prettify()));
    }

    private static io.restassured.specification.RequestSpecification api(Tenants tenant) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key());
    }
}
