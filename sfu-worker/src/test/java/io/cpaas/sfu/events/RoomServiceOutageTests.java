package io.cpaas.sfu.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.BrowserSession;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * room-service crashes (SIGKILL) during a call and comes back: the call goes on through the outage,
 * the worker keeps its events and sends them afterwards, and the sessions and usage that room-service
 * records are complete and counted once.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class RoomServiceOutageTests {

    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Test
    void aCallOutlivesARoomServiceCrashAndItsUsageIsCompleteAndCountedOnce() throws Exception {
        Tenants tenant = Tenants.create("Outage");
        Instant joined;
        Instant left;
        try (BrowserSession browser = BrowserSession.start()) {
            browser.open("alice", tenant.token("through", "alice"), true);
            browser.open("bob", tenant.token("through", "bob"), true);
            browser.awaitMedia("alice", 1);
            browser.awaitMedia("bob", 1);
            joined = Instant.now();

            ControlPlane.killRoomService();
            try {
                long before = frames(browser, "bob");
                Thread.sleep(6_000); // twice room-service's silence limit (3 heartbeats of 1 s)
                assertTrue(frames(browser, "bob") > before + 30, "video kept flowing while room-service was down");
            } finally {
                ControlPlane.startRoomService();
            }
            long afterRestart = frames(browser, "bob");
            Thread.sleep(5_000); // past the silence limit again, heartbeats and events resumed
            assertTrue(frames(browser, "bob") > afterRestart + 30, "video kept flowing after room-service came back");
            assertFalse(browser.stats("bob").path("closed").asBoolean(), "bob's signaling survived the outage");
            assertFalse(browser.stats("alice").path("closed").asBoolean(), "alice's signaling survived the outage");

            browser.sendFrame("bob", Map.of("type", "leave"));
            browser.sendFrame("alice", Map.of("type", "leave"));
            browser.awaitClose("bob");
            browser.awaitClose("alice");
            left = Instant.now();
        }

        JsonPath participants = awaitEveryoneLeft(tenant);
        assertEquals(List.of("alice", "bob"), participants.getList("items.identity").stream().sorted().toList(),
                "one session each: " + participants.prettify());
        BigDecimal total = BigDecimal.ZERO;
        long wall = Duration.between(joined, left).toSeconds();
        for (int i = 0; i < 2; i++) {
            BigDecimal seconds = new BigDecimal(participants.getString("items[" + i + "].durationSeconds"));
            assertTrue(seconds.longValue() >= wall - 1 && seconds.longValue() <= wall + 30,
                    "a session of " + seconds + " s for a call of about " + wall + " s");
            assertTrue(participants.getLong("items[" + i + "].bytesIn") > 100_000, "bytes in counted through the outage");
            assertTrue(participants.getLong("items[" + i + "].bytesOut") > 100_000, "bytes out counted through the outage");
            total = total.add(seconds);
        }
        JsonPath usage = api(tenant).get("/v1/usage?granularity=hour").then().statusCode(200).extract().jsonPath(EXACT);
        assertEquals(0, total.compareTo(new BigDecimal(usage.getString("totals.participantSeconds"))),
                "usage equals the sessions behind it: " + usage.getString("totals"));
        assertEquals(participants.getLong("items[0].bytesIn") + participants.getLong("items[1].bytesIn"),
                usage.getLong("totals.bytesIn"));
    }

    private static long frames(BrowserSession browser, String name) {
        long sum = 0;
        for (JsonNode count : browser.videoFrames(name)) {
            sum += count.asLong();
        }
        return sum;
    }

    /** The participants of the room's only session once both have left (events arrive with heartbeats). */
    private static JsonPath awaitEveryoneLeft(Tenants tenant) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonPath participants = null;
        while (Instant.now().isBefore(deadline)) {
            String session = api(tenant).get("/v1/rooms/through/sessions").then().statusCode(200).extract().path("items[0].sid");
            assertNotNull(session);
            participants = api(tenant).get("/v1/rooms/through/sessions/" + session + "/participants")
                    .then().statusCode(200).extract().jsonPath(EXACT);
            if (participants.getList("items.leftAt").stream().allMatch(at -> at != null)) {
                return participants;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the participants' departures never reached room-service: "
                + (participants == null ? null : participants.prettify()));
    }

    private static io.restassured.specification.RequestSpecification api(Tenants tenant) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key());
    }
}
