package io.cpaas.room.join.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.api.token.InvalidTokenException;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.api.token.PublicKeySet;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.RoomTokenClaims;
import io.cpaas.api.token.RoomTokenVerifier;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.token.service.SigningKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class JoinResourceTests {

    @Inject
    SigningKeyStore keys;

    @BeforeEach
    void emptyPool() {
        Platform.emptyPool();
    }

    @Test
    void withoutWorkersTheJoinFailsWith503AndRetryAfter() {
        Tenant tenant = Platform.tenant("NoWorkers");
        join(Platform.mint(tenant, "lonely", "alice")).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "2")
                .body("type", equalTo("urn:cpaas:problem:unavailable"));
    }

    @Test
    void joinPlacesTheRoomOnTheLeastLoadedWorkerWithATicketBoundToIt() {
        Tenant tenant = Platform.tenant("Join");
        String busy = Platform.worker("eu", 100, 0.9);
        String idle = Platform.worker("eu", 100, 0.1);
        JsonPath answer = join(Platform.mint(tenant, "weekly", "alice")).then().statusCode(200)
                .body("signalUrl", equalTo("ws://127.0.0.1:9/" + idle))
                .body("participant.identity", equalTo("alice"))
                .body("participant.sid", startsWith("pa_"))
                .body("room.name", equalTo("weekly"))
                .body("room.mode", equalTo("conference"))
                .extract().jsonPath();
        RoomTokenVerifier verifier = verifier();
        JoinTicketClaims ticket = verifier.verifyJoinTicket(answer.getString("ticket"), idle);
        assertEquals(tenant.id(), ticket.tenantId());
        assertEquals("weekly", ticket.room());
        assertTrue(Duration.between(ticket.issuedAt(), ticket.expiresAt()).compareTo(Duration.ofSeconds(60)) <= 0);
        InvalidTokenException wrongWorker = assertThrows(InvalidTokenException.class,
                () -> verifier.verifyJoinTicket(answer.getString("ticket"), busy));
        assertEquals(InvalidTokenException.Reason.WRONG_AUDIENCE, wrongWorker.reason());
        assertThrows(InvalidTokenException.class, () -> verifier.verifyRoomToken(answer.getString("ticket")));
        List<String> urls = answer.getList("iceServers[1].urls");
        assertTrue(urls.stream().anyMatch(u -> u.startsWith("turn:")), "join carries TURN credentials: " + urls);
        given().header("Authorization", tenant.key()).get("/v1/rooms/weekly").then().statusCode(200)
                .body("status", equalTo("active")).body("workerId", equalTo(idle));
        // The room stays on its worker even when another becomes less loaded.
        Platform.heartbeat(idle, 0.95, 1);
        Platform.heartbeat(busy, 0.0, 0);
        join(Platform.mint(tenant, "weekly", "bob")).then().statusCode(200).body("signalUrl", equalTo("ws://127.0.0.1:9/" + idle));
    }

    @Test
    void concurrentJoinsOfANewRoomAllLandOnOneWorker() throws Exception {
        Tenant tenant = Platform.tenant("Race");
        for (int i = 0; i < 4; i++) {
            Platform.worker("eu", 1000, 0.2);
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tokens.add(Platform.mint(tenant, "race-room", "user" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> joins = tokens.stream().<Callable<String>>map(token -> () ->
                    join(token).then().statusCode(200).extract().path("signalUrl")).toList();
            Set<String> workers = new HashSet<>();
            for (Future<String> result : pool.invokeAll(joins)) {
                workers.add(result.get());
            }
            assertEquals(1, workers.size(), "all joins of one room land on one worker: " + workers);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, given().header("Authorization", tenant.key()).get("/v1/rooms").then().extract()
                .jsonPath().getList("items").size(), "one room was created, not one per racing join");
    }

    @Test
    void aDeadWorkersRoomsMoveToALiveOneOnTheNextJoin() throws Exception {
        Tenant tenant = Platform.tenant("Failover");
        String doomed = Platform.worker("eu", 100, 0.0);
        join(Platform.mint(tenant, "fragile", "alice")).then().statusCode(200).body("signalUrl", equalTo("ws://127.0.0.1:9/" + doomed));
        String survivor = Platform.worker("eu", 100, 0.5);
        Instant deadline = Instant.now().plusSeconds(15);
        String state = "active";
        while (!state.equals("unhealthy") && Instant.now().isBefore(deadline)) {
            Platform.heartbeat(survivor, 0.5, 0); // only the survivor keeps beating
            Thread.sleep(500);
            state = given().header("Authorization", Platform.platformAdmin()).get("/v1/admin/workers").then().extract()
                    .path("items.find { it.id == '" + doomed + "' }.state");
        }
        assertEquals("unhealthy", state, "a silent worker is declared unhealthy once it missed its heartbeats");
        given().header("Authorization", tenant.key()).get("/v1/rooms/fragile").then().body("workerId", org.hamcrest.Matchers.nullValue());
        join(Platform.mint(tenant, "fragile", "alice")).then().statusCode(200).body("signalUrl", equalTo("ws://127.0.0.1:9/" + survivor));
        // The dead worker must register again before it is heard: a late heartbeat is answered 404.
        given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType("application/json")
                .body(Map.of("cpu", 0.1, "participants", 0, "tracksIn", 0, "tracksOut", 0, "bitrateBps", 0))
                .post("/internal/v1/workers/" + doomed + "/heartbeat").then().statusCode(404);
    }

    @Test
    void aDrainingWorkerKeepsItsRoomsButTakesNoNewOnes() {
        Tenant tenant = Platform.tenant("Drain");
        String draining = Platform.worker("eu", 100, 0.0);
        join(Platform.mint(tenant, "old-room", "alice")).then().statusCode(200);
        String other = Platform.worker("eu", 100, 0.8);
        given().header("Authorization", Platform.platformAdmin()).post("/v1/admin/workers/" + draining + "/drain").then().statusCode(204);
        join(Platform.mint(tenant, "old-room", "bob")).then().statusCode(200).body("signalUrl", equalTo("ws://127.0.0.1:9/" + draining));
        join(Platform.mint(tenant, "new-room", "carol")).then().statusCode(200).body("signalUrl", equalTo("ws://127.0.0.1:9/" + other));
    }

    @Test
    void theRequestedRegionIsPreferred() {
        Tenant tenant = Platform.tenant("Region");
        Platform.worker("eu", 100, 0.0);
        String us = Platform.worker("us", 100, 0.7);
        given().header("Authorization", tenant.key()).contentType("application/json").body(Map.of("name", "in-us", "region", "us"))
                .post("/v1/rooms").then().statusCode(201);
        join(Platform.mint(tenant, "in-us", "alice")).then().statusCode(200).body("signalUrl", equalTo("ws://127.0.0.1:9/" + us));
    }

    @Test
    void roomAndTenantParticipantLimitsHold() {
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Limits", Map.of("limits", Map.of("maxConcurrentParticipants", 3)));
        given().header("Authorization", tenant.key()).contentType("application/json").body(Map.of("name", "pair", "maxParticipants", 2))
                .post("/v1/rooms").then().statusCode(201);
        join(Platform.mint(tenant, "pair", "a")).then().statusCode(200);
        join(Platform.mint(tenant, "pair", "b")).then().statusCode(200);
        join(Platform.mint(tenant, "pair", "c")).then().statusCode(403).body("type", equalTo("urn:cpaas:problem:limit-reached"));
        join(Platform.mint(tenant, "pair", "a")).then().statusCode(200); // a rejoin replaces, it does not add
        join(Platform.mint(tenant, "other", "d")).then().statusCode(200);
        join(Platform.mint(tenant, "other", "e")).then().statusCode(403).body("detail", org.hamcrest.Matchers.containsString("tenant"));
    }

    @Test
    void aCallRoomSaysSoInTheJoinAnswerAndTakesTwoParticipantsUnlessToldOtherwise() {
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Calls");
        given().header("Authorization", tenant.key()).contentType("application/json").body(Map.of("name", "one-to-one", "mode", "call"))
                .post("/v1/rooms").then().statusCode(201).body("maxParticipants", equalTo(2));
        join(Platform.mint(tenant, "one-to-one", "a")).then().statusCode(200).body("room.mode", equalTo("call"));
        join(Platform.mint(tenant, "one-to-one", "b")).then().statusCode(200).body("room.mode", equalTo("call"));
        join(Platform.mint(tenant, "one-to-one", "c")).then().statusCode(403)
                .body("type", equalTo("urn:cpaas:problem:limit-reached")).body("detail", org.hamcrest.Matchers.containsString("full"));
        given().header("Authorization", tenant.key()).contentType("application/json")
                .body(Map.of("name", "call-of-three", "mode", "call", "maxParticipants", 3)).post("/v1/rooms").then().statusCode(201);
        for (String identity : List.of("a", "b", "c")) {
            join(Platform.mint(tenant, "call-of-three", identity)).then().statusCode(200).body("room.mode", equalTo("call"));
        }
    }

    @Test
    void connectedParticipantsKeepCountingAfterTheirReservationAndLeavingFreesTheSeat() throws Exception {
        String worker = Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Seats");
        given().header("Authorization", tenant.key()).contentType("application/json").body(Map.of("name", "duo", "maxParticipants", 2))
                .post("/v1/rooms").then().statusCode(201);
        String a = join(Platform.mint(tenant, "duo", "a")).then().statusCode(200).extract().path("participant.sid");
        String b = join(Platform.mint(tenant, "duo", "b")).then().statusCode(200).extract().path("participant.sid");
        Instant pastReservation = Instant.now().plusMillis(5500); // ticket ttl is 5 s in tests
        while (Instant.now().isBefore(pastReservation)) {
            Platform.heartbeat(worker, List.of(a, b)); // the worker confirms both connections, and stays healthy
            Thread.sleep(500);
        }
        join(Platform.mint(tenant, "duo", "c")).then().statusCode(403).body("type", equalTo("urn:cpaas:problem:limit-reached"));
        Platform.heartbeat(worker, List.of(a)); // b left the worker
        join(Platform.mint(tenant, "duo", "c")).then().statusCode(200);
    }

    @Test
    void anEndedRoomsParticipantsAreEvictedAndEmptyRoomsEndByThemselves() throws Exception {
        String worker = Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Ending");
        String a = join(Platform.mint(tenant, "to-end", "a")).then().statusCode(200).extract().path("participant.sid");
        Platform.heartbeat(worker, List.of(a));
        given().header("Authorization", tenant.key()).delete("/v1/rooms/to-end").then().statusCode(204);
        assertEquals(List.of(a), Platform.heartbeat(worker, List.of(a)), "the worker is told to disconnect a");

        given().header("Authorization", tenant.key()).contentType("application/json")
                .body(Map.of("name", "brief", "emptyTimeoutSeconds", 1)).post("/v1/rooms").then().statusCode(201);
        String b = join(Platform.mint(tenant, "brief", "b")).then().statusCode(200).extract().path("participant.sid");
        Platform.heartbeat(worker, List.of(b));
        Platform.heartbeat(worker, List.of()); // b left
        Instant deadline = Instant.now().plusSeconds(20);
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            Platform.heartbeat(worker, List.of());
            Thread.sleep(500);
            status = given().header("Authorization", tenant.key()).get("/v1/rooms/brief").then().extract().statusCode();
        }
        assertEquals(404, status, "an empty room ends after its empty timeout");
        given().header("Authorization", tenant.key()).queryParam("status", "ended").get("/v1/rooms").then()
                .body("items.name", org.hamcrest.Matchers.hasItem("brief"));
    }

    @Test
    void aTenantThatTurnedAutoCreateOffMustCreateRoomsFirst() {
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("NoAuto", Map.of("autoCreateRooms", false));
        join(Platform.mint(tenant, "missing", "a")).then().statusCode(404);
        given().header("Authorization", tenant.key()).contentType("application/json").body(Map.of("name", "missing"))
                .post("/v1/rooms").then().statusCode(201);
        join(Platform.mint(tenant, "missing", "a")).then().statusCode(200);
    }

    @Test
    void badTokensAreRefused() {
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("BadJoin");
        given().post("/v1/rtc/join").then().statusCode(401).contentType("application/problem+json");
        join("garbage").then().statusCode(401).body("type", equalTo("urn:cpaas:problem:invalid-token"));
        String valid = Platform.mint(tenant, "r", "alice");
        String[] parts = valid.split("\\.");
        join(parts[0] + "." + parts[1] + "x." + parts[2]).then().statusCode(401);
        join(parts[0] + "." + parts[1] + ".").then().statusCode(401);
        join("eyJhbGciOiJub25lIn0." + parts[1] + ".").then().statusCode(401);
        RoomTokenClaims expired = new RoomTokenClaims(tenant.id(), "r", "alice", null, null, RoomGrants.standard(),
                Instant.now().minusSeconds(7200), Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), "jti-expired");
        join(keys.signer().sign(expired)).then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("expired"));
        JsonPath answer = join(valid).then().statusCode(200).extract().jsonPath();
        join(answer.getString("ticket")).then().statusCode(401); // a ticket is not a room token
    }

    @Test
    void aDisabledTenantsTokensCannotJoin() throws InterruptedException {
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Disabled");
        String token = Platform.mint(tenant, "r", "alice");
        Platform.tenantService().header("Authorization", Platform.platformAdmin()).delete("/v1/tenants/" + tenant.id())
                .then().statusCode(204);
        Thread.sleep(2500); // room-service caches tenant profiles for 2 s
        join(token).then().statusCode(403).body("type", equalTo("urn:cpaas:problem:tenant-disabled"));
    }

    private static Response join(String token) {
        return given().header("Authorization", "Bearer " + token).post("/v1/rtc/join");
    }

    private static RoomTokenVerifier verifier() {
        return new RoomTokenVerifier(PublicKeySet.fromJwksJson(given().get("/.well-known/jwks.json").asString()), Clock.systemUTC());
    }
}
