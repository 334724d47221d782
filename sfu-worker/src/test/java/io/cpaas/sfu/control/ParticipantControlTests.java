package io.cpaas.sfu.control;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.BrowserSession;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Participant control end to end: a tenant's back end calls room-service's public API, room-service
 * calls this worker's control API, and real Chromium participants (src/test/browser/session.mjs)
 * must see the effect: sockets closed, participants gone, frames stopped and resumed, updates.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class ParticipantControlTests {

    @Test
    void theListShowsTheRealParticipantsWithTheirTracksAndFlagsHiddenOnes() {
        Tenants tenant = Tenants.create("List");
        try (BrowserSession browser = BrowserSession.start()) {
            browser.open("alice", tenant.token("listed", "alice"), true);
            browser.open("bob", tenant.token("listed", "bob"), true);
            browser.open("observer", tenant.token("listed", Map.of("identity", "observer",
                    "grants", Map.of("hidden", true, "publish", false))), false);
            browser.awaitMedia("bob", 1);
            JsonPath list = api(tenant).get("/v1/rooms/listed/participants").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("alice", "bob", "observer"), list.getList("items.identity"), list.prettify());
            assertEquals(List.of(false, false, true), list.getList("items.hidden"));
            assertEquals(List.of("audio", "video"), list.getList("items[0].tracks.kind").stream().sorted().toList());
            assertEquals("active", list.getString("items[1].state"));
            assertTrue(list.getBoolean("items[0].permissions.publish"));
            assertFalse(list.getBoolean("items[2].permissions.publish"));
            assertTrue(list.getString("items[0].sid").startsWith("pa_"));
            // The room itself never hears of the hidden participant.
            assertFalse(browser.stats("alice").path("messages").toString().contains("observer"));
        }
    }

    @Test
    void aRemovedParticipantIsDisconnectedAtOnceTheOthersSeeItLeaveAndARevokedTokenCannotRejoin() {
        Tenants tenant = Tenants.create("Remove");
        String bobToken = tenant.token("strict", "bob");
        String carolToken = tenant.token("strict", "carol");
        try (BrowserSession browser = BrowserSession.start()) {
            browser.open("alice", tenant.token("strict", "alice"), true);
            browser.open("bob", bobToken, true);
            browser.open("carol", carolToken, false);
            browser.awaitMedia("alice", 1);
            warmUpControl(tenant, "strict");

            long asked = System.currentTimeMillis();
            api(tenant).queryParam("revokeToken", true).delete("/v1/rooms/strict/participants/bob").then().statusCode(204);
            JsonNode closed = browser.awaitClose("bob");
            long latency = closed.path("at").asLong() - asked;
            System.out.println("participant removal: socket closed " + latency + " ms after the DELETE was sent");
            assertEquals(4002, closed.path("code").asInt(), closed.toString());
            // A loose bound: 329-1037 ms seen on a 2-core machine at load 12-19 once room-service's connection
            // to the worker is warm; what proves the direct path is the 'removed' frame's reason below.
            assertTrue(latency < 5000, "removed within 5 s, took " + latency + " ms");
            browser.awaitMessage("bob", "removed", Map.of("reason", "participant_removed"));
            browser.awaitMessage("alice", "participantLeft", Map.of("identity", "bob"));
            browser.awaitMessage("carol", "participantLeft", Map.of("identity", "bob"));
            assertEquals(List.of("alice", "carol"), api(tenant).get("/v1/rooms/strict/participants").then().statusCode(200)
                    .extract().jsonPath().getList("items.identity"));

            given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", "Bearer " + bobToken).post("/v1/rtc/join")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:cpaas:problem:token-revoked"));
            tenant.join(tenant.token("strict", "bob")); // a new token from the back end lets bob back in

            // Without revokeToken the token keeps working.
            api(tenant).delete("/v1/rooms/strict/participants/carol").then().statusCode(204);
            assertEquals(4002, browser.awaitClose("carol").path("code").asInt());
            tenant.join(carolToken);
            api(tenant).delete("/v1/rooms/strict/participants/carol").then().statusCode(204);
            api(tenant).delete("/v1/rooms/strict/participants/nobody").then().statusCode(404);
        }
    }

    @Test
    void aServerMuteStopsTheOthersFramesOfThatTrackAndUnmuteResumesThem() throws InterruptedException {
        Tenants tenant = Tenants.create("Mute");
        try (BrowserSession browser = BrowserSession.start()) {
            browser.open("alice", tenant.token("muted", "alice"), true);
            browser.open("bob", tenant.token("muted", "bob"), true);
            browser.awaitMedia("bob", 1);
            JsonPath list = api(tenant).get("/v1/rooms/muted/participants").then().statusCode(200).extract().jsonPath();
            String video = list.getString("items.find { it.identity == 'alice' }.tracks.find { it.kind == 'video' }.sid");
            assertTrue(growing(browser, "bob", video), "bob decodes alice's video before the mute");

            api(tenant).contentType(ContentType.JSON).body(Map.of("trackSid", video, "muted", true))
                    .post("/v1/rooms/muted/participants/alice/mute").then().statusCode(200)
                    .body("muted", org.hamcrest.Matchers.equalTo(true)).body("serverMuted", org.hamcrest.Matchers.equalTo(true));
            browser.awaitMessage("bob", "trackMuted", Map.of("trackSid", video, "muted", true, "serverMuted", true));
            browser.awaitMessage("alice", "trackMuted", Map.of("trackSid", video, "muted", true, "serverMuted", true));
            // The publisher cannot lift a server mute by itself.
            browser.sendFrame("alice", Map.of("type", "mute", "trackSid", video, "muted", false));
            browser.awaitMessage("alice", "error", Map.of("code", "not-allowed"));
            Thread.sleep(500); // frames already in flight or in the jitter buffer
            long before = browser.videoFrames("bob").path(video).asLong();
            Thread.sleep(1500);
            long after = browser.videoFrames("bob").path(video).asLong();
            assertTrue(after - before <= 1, "no new frames while muted: " + before + " -> " + after);

            api(tenant).contentType(ContentType.JSON).body(Map.of("trackSid", video, "muted", false))
                    .post("/v1/rooms/muted/participants/alice/mute").then().statusCode(200)
                    .body("muted", org.hamcrest.Matchers.equalTo(false));
            browser.awaitMessage("bob", "trackMuted", Map.of("trackSid", video, "muted", false, "serverMuted", false));
            assertTrue(growing(browser, "bob", video), "bob decodes alice's video again after the unmute");

            api(tenant).contentType(ContentType.JSON).body(Map.of("trackSid", "TR_unknown", "muted", true))
                    .post("/v1/rooms/muted/participants/alice/mute").then().statusCode(404);
        }
    }

    @Test
    void nameMetadataAndPermissionChangesReachTheRoomLive() {
        Tenants tenant = Tenants.create("Update");
        try (BrowserSession browser = BrowserSession.start()) {
            browser.open("alice", tenant.token("changing", "alice"), true);
            browser.open("bob", tenant.token("changing", "bob"), true);
            browser.awaitMedia("bob", 1);

            api(tenant).contentType(ContentType.JSON).body(Map.of("name", "Alice B.", "metadata", "{\"role\":\"host\"}"))
                    .patch("/v1/rooms/changing/participants/alice").then().statusCode(200)
                    .body("metadata", org.hamcrest.Matchers.equalTo("{\"role\":\"host\"}"));
            browser.awaitMessage("bob", "participantUpdated",
                    Map.of("participant.identity", "alice", "participant.name", "Alice B.", "participant.metadata", "{\"role\":\"host\"}"));
            browser.awaitMessage("alice", "participantUpdated", Map.of("participant.permissions.publish", true));

            JsonPath before = api(tenant).get("/v1/rooms/changing/participants").then().extract().jsonPath();
            List<String> aliceTracks = before.getList("items.find { it.identity == 'alice' }.tracks.sid");
            assertEquals(2, aliceTracks.size());
            api(tenant).contentType(ContentType.JSON).body(Map.of("permissions", Map.of("publish", false)))
                    .patch("/v1/rooms/changing/participants/alice").then().statusCode(200)
                    .body("permissions.publish", org.hamcrest.Matchers.equalTo(false))
                    .body("tracks", org.hamcrest.Matchers.hasSize(0));
            for (String track : aliceTracks) {
                browser.awaitMessage("bob", "trackUnpublished", Map.of("trackSid", track));
                browser.awaitMessage("alice", "trackUnpublished", Map.of("trackSid", track));
            }
            browser.awaitMessage("alice", "participantUpdated", Map.of("participant.permissions.publish", false));
        }
    }

    @Test
    void endingTheRoomDisconnectsEveryoneAtOnceWithoutWaitingForAHeartbeat() {
        Tenants tenant = Tenants.create("End");
        try (BrowserSession browser = BrowserSession.start()) {
            browser.open("alice", tenant.token("ending", "alice"), false);
            browser.open("bob", tenant.token("ending", "bob"), false);
            warmUpControl(tenant, "ending");
            long asked = System.currentTimeMillis();
            api(tenant).delete("/v1/rooms/ending").then().statusCode(204);
            for (String name : List.of("alice", "bob")) {
                JsonNode closed = browser.awaitClose(name);
                assertEquals(4002, closed.path("code").asInt());
                long tookMs = closed.path("at").asLong() - asked;
                System.out.println("room ended: " + name + " disconnected " + tookMs + " ms after the DELETE was sent");
                // A loose bound (a loaded CI machine took 1.2 s; 174-821 ms seen since the worker is asked
                // before the room ends here); what proves the direct path is the reason below: only the
                // direct call says why, a heartbeat eviction closes without a word.
                assertTrue(tookMs < 5000, name + " disconnected after " + tookMs + " ms");
                browser.awaitMessage(name, "removed", Map.of("reason", "room_ended"));
            }
        }
    }

    /** True when the subscriber decodes new frames of the track within 5 s. */
    private static boolean growing(BrowserSession browser, String name, String trackSid) throws InterruptedException {
        long start = browser.videoFrames(name).path(trackSid).asLong();
        for (int i = 0; i < 25; i++) {
            Thread.sleep(200);
            if (browser.videoFrames(name).path(trackSid).asLong() > start + 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lists the room's participants: room-service's first call to this worker opens its connection
     * and runs cold code in three JVMs (1-3 s on a loaded 2-core machine), which a timed removal
     * should not measure when it happens to run first.
     */
    private static void warmUpControl(Tenants tenant, String room) {
        api(tenant).get("/v1/rooms/" + room + "/participants").then().statusCode(200);
    }

    private static RequestSpecification api(Tenants tenant) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key());
    }
}
