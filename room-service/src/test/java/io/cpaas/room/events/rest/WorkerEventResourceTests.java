package io.cpaas.room.events.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Worker events turned into sessions and usage, with a simulated worker reporting them. */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class WorkerEventResourceTests {

    // Decimals as BigDecimal: seconds are exact to the millisecond and must compare so.
    static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private String worker;

    @BeforeEach
    void oneWorker() {
        Platform.emptyPool();
        worker = Platform.worker("eu", 100, 0.1);
    }

    /** Joins through the test's worker, heartbeating it first: on a loaded machine creating the tenant can take longer than the silence limit. */
    private String join(Tenant tenant, String room, String identity) {
        Platform.heartbeat(worker, 0.1, 0);
        return Platform.join(tenant, room, identity);
    }

    @Test
    void sessionsAndUsageAddUpExactlyAndABatchSentTwiceCountsOnce() throws Exception {
        Tenant tenant = Platform.tenant("Usage");
        String alice = join(tenant, "standup", "alice");
        String bob = join(tenant, "standup", "bob");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonPath first = Platform.events(worker, List.of(WorkerEvents.joined(alice, t0), WorkerEvents.joined(bob, t0),
                WorkerEvents.published(alice, t0.plusMillis(100), "TR_mic", "audio", "microphone")));
        assertEquals(3, first.getInt("applied"));
        Thread.sleep(1_500); // the events below must lie in the past, as a worker's do
        List<Map<String, Object>> departures = List.of(WorkerEvents.left(alice, t0.plusMillis(1_200), 5_000, 7_000),
                WorkerEvents.traffic(bob, t0.plusMillis(1_300), 3_000, 4_000),
                WorkerEvents.left(bob, t0.plusMillis(1_400), 3_500, 4_500));
        assertEquals(3, Platform.events(worker, departures).getInt("applied"));
        JsonPath again = Platform.events(worker, departures);
        assertEquals(0, again.getInt("applied"));
        assertEquals(3, again.getInt("duplicates"));

        given().header("Authorization", tenant.key()).delete("/v1/rooms/standup").then().statusCode(204);

        JsonPath sessions = given().header("Authorization", tenant.key()).get("/v1/rooms/standup/sessions")
                .then().statusCode(200).extract().jsonPath(EXACT);
        assertEquals(1, sessions.getList("items").size());
        assertEquals("ended", sessions.getString("items[0].status"));
        assertEquals(2, sessions.getInt("items[0].participantSessions"));
        assertEquals(2, sessions.getInt("items[0].peakParticipants"));
        assertEquals(new BigDecimal("2.600"), new BigDecimal(sessions.getString("items[0].participantSeconds")));
        assertEquals(8_500L, sessions.getLong("items[0].bytesIn"));
        assertEquals(11_500L, sessions.getLong("items[0].bytesOut"));
        long roomMillis = Duration.between(Instant.parse(sessions.getString("items[0].startedAt")),
                Instant.parse(sessions.getString("items[0].endedAt"))).toMillis();

        String sessionSid = sessions.getString("items[0].sid");
        JsonPath participants = given().header("Authorization", tenant.key())
                .get("/v1/rooms/standup/sessions/" + sessionSid + "/participants").then().statusCode(200).extract().jsonPath(EXACT);
        assertEquals(List.of("bob", "alice"), participants.getList("items.identity"));
        assertEquals(new BigDecimal("1.200"), new BigDecimal(participants.getString("items[1].durationSeconds")));
        assertEquals("TR_mic", participants.getString("items[1].tracks[0].sid"));
        assertEquals(t0.plusMillis(1_200).toString(), participants.getString("items[1].tracks[0].unpublishedAt"),
                "a participant's tracks end when it leaves");
        assertEquals(List.of(), participants.getList("items[0].tracks"));

        JsonPath usage = usage(tenant, "granularity=hour&from=" + t0.minus(Duration.ofHours(1)));
        assertEquals(new BigDecimal("2.600"), new BigDecimal(usage.getString("totals.participantSeconds")));
        assertEquals(BigDecimal.valueOf(roomMillis, 3), new BigDecimal(usage.getString("totals.roomSeconds")));
        assertEquals(2, usage.getInt("totals.peakConcurrentParticipants"));
        assertEquals(8_500L, usage.getLong("totals.bytesIn"));
        assertEquals(11_500L, usage.getLong("totals.bytesOut"));
        assertEquals(2L, usage.getLong("totals.turnCredentialsIssued"), "each join carries TURN credentials");
        BigDecimal bucketSum = BigDecimal.ZERO;
        for (Object seconds : usage.getList("buckets.participantSeconds")) {
            bucketSum = bucketSum.add(new BigDecimal(seconds.toString()));
        }
        assertEquals(new BigDecimal("2.600"), bucketSum, "buckets add up to the totals");
    }

    @Test
    void aHeartbeatThatNoLongerListsAParticipantClosesItsSessionAndCountsIt() throws Exception {
        Tenant tenant = Platform.tenant("Heartbeat");
        String carol = join(tenant, "retro", "carol");
        assertEquals(List.of(), Platform.heartbeat(worker, List.of(carol)));
        Thread.sleep(300);
        assertEquals(List.of(), Platform.heartbeat(worker, List.of()));
        JsonPath sessions = given().header("Authorization", tenant.key()).get("/v1/rooms/retro/sessions")
                .then().statusCode(200).extract().jsonPath(EXACT);
        JsonPath participants = given().header("Authorization", tenant.key())
                .get("/v1/rooms/retro/sessions/" + sessions.getString("items[0].sid") + "/participants")
                .then().statusCode(200).extract().jsonPath(EXACT);
        assertEquals("disconnected", participants.getString("items[0].leftReason"));
        BigDecimal duration = new BigDecimal(participants.getString("items[0].durationSeconds"));
        assertTrue(duration.compareTo(new BigDecimal("0.250")) >= 0, "connected from one heartbeat to the next: " + duration);
        assertEquals(duration, new BigDecimal(usage(tenant, "granularity=day").getString("totals.participantSeconds")));
    }

    @Test
    void aLeaveReportedAfterTheHeartbeatClosedTheSessionChangesNothing() throws Exception {
        Tenant tenant = Platform.tenant("LateLeave");
        String dave = join(tenant, "late", "dave");
        Instant joined = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Platform.events(worker, List.of(WorkerEvents.joined(dave, joined)));
        Thread.sleep(200);
        Platform.heartbeat(worker, List.of());
        BigDecimal before = new BigDecimal(usage(tenant, "granularity=day").getString("totals.participantSeconds"));
        assertTrue(before.signum() > 0);
        JsonPath late = Platform.events(worker, List.of(WorkerEvents.left(dave, joined.plusMillis(150), 10, 20)));
        assertEquals(1, late.getInt("applied"));
        JsonPath usage = usage(tenant, "granularity=day");
        assertEquals(before, new BigDecimal(usage.getString("totals.participantSeconds")), "the session was closed once");
        assertEquals(10L, usage.getLong("totals.bytesIn"), "its final traffic still counts");
    }

    @Test
    void eventsOfUnknownTypesOrParticipantsAreAcknowledgedAndSkipped() {
        JsonPath outcome = Platform.events(worker, List.of(WorkerEvents.event("participant.teleported", "pa_x", Instant.now()),
                WorkerEvents.joined("pa_nobody", Instant.now())));
        assertEquals(0, outcome.getInt("applied"));
        assertEquals(2, outcome.getInt("skipped"));
    }

    @Test
    void malformedOrOversizedBatchesAndCallsWithoutTheClusterSecretAreRefused() {
        Map<String, Object> badTime = WorkerEvents.joined("pa_x", Instant.now());
        badTime.put("at", "yesterday");
        batch(worker, Map.of("events", List.of(badTime))).then().statusCode(400).contentType("application/problem+json");
        batch(worker, Map.of("events", List.of(Map.of("type", "participant.joined")))).then().statusCode(400)
                .contentType("application/problem+json");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("id", "e" + i, "type", "x", "at", "2026-01-01T00:00:00Z", "participantSid", "p"));
        }
        batch(worker, Map.of("events", tooMany)).then().statusCode(400).contentType("application/problem+json");
        batch(worker, Map.of("events", List.of(), "extra", 1)).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("events", List.of()))
                .post("/internal/v1/workers/" + worker + "/events").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anotherTenantSeesNoneOfTheSessions() {
        Tenant owner = Platform.tenant("Owner");
        Tenant other = Platform.tenant("Other");
        String erin = join(owner, "private", "erin");
        Platform.events(worker, List.of(WorkerEvents.joined(erin, Instant.now())));
        String sid = given().header("Authorization", owner.key()).get("/v1/rooms/private/sessions")
                .then().statusCode(200).extract().path("items[0].sid");
        assertNotNull(sid);
        given().header("Authorization", other.key()).get("/v1/rooms/private/sessions").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", other.key()).get("/v1/rooms/private/sessions/" + sid + "/participants")
                .then().statusCode(404);
        given().header("Authorization", owner.key()).get("/v1/rooms/private/sessions/" + sid)
                .then().statusCode(200).body("status", equalTo("active"));
        JsonPath otherUsage = usage(other, "granularity=hour");
        assertEquals(0, otherUsage.getInt("totals.peakConcurrentParticipants"));
    }

    private static io.restassured.response.Response batch(String workerId, Map<String, Object> body) {
        return given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/workers/" + workerId + "/events");
    }

    static JsonPath usage(Tenant tenant, String query) {
        return given().header("Authorization", tenant.key()).get("/v1/usage?" + query).then().statusCode(200)
                .extract().jsonPath(EXACT);
    }
}
