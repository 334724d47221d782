package io.cpaas.sfu.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.BrowserSession;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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

            // Before the leaves are sent: a loaded machine may take many seconds to report the closes,
            // and the sessions end when the worker gets the leaves, not when the test sees the closes.
            left = Instant.now();
            browser.sendFrame("bob", Map.of("type", "leave"));
            browser.sendFrame("alice", Map.of("type", "leave"));
            browser.awaitClose("bob");
            browser.awaitClose("alice");
        }

        JsonPath participants = tenant.participantsOnceEveryoneLeft("through");
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
        JsonPath usage = tenant.api().get("/v1/usage?granularity=hour").then().statusCode(200).extract().jsonPath(Tenants.EXACT);
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
}
