package io.cpaas.room;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.HeartbeatKeeper;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.RoomServiceEnvironment;
import io.cpaas.room.support.RoundRobinProxy;
import io.cpaas.room.support.ServiceJar;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WebhookReceiver;
import io.cpaas.room.support.WebhookReceiver.Received;
import io.cpaas.room.support.WorkerEvents;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two room-service instances, each its packaged jar, on one database behind one address: a
 * round-robin TCP proxy, as any load balancer (failsafe, after packaging; the real tenant-service,
 * Keycloak and PostgreSQL). API calls and the simulated workers' calls go through the address and
 * land on both instances. One is SIGKILLed mid-way, restarted, then the other is killed: the address
 * keeps answering everything, no worker is declared dead, two joins racing for a new room on the two
 * instances land on one worker, and every webhook reaches the receiver exactly once.
 */
class TwoRoomServicesIT {

    private static final int JOINS_PER_ROUND = 4;
    private static final int RACES = 4;
    private static final long BYTES_IN = 1_000;
    /** RoomServiceEnvironment: 1 s heartbeats, unhealthy after 3 s of silence. */
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Predicate<String> JOIN = line -> line.equals("POST /v1/rtc/join");
    private static final Predicate<String> HEARTBEAT = line -> line.startsWith("POST /internal/v1/workers/") && line.endsWith("/heartbeat");

    private static TenantServiceProcess tenantService;
    private static final List<ServiceJar> instances = new ArrayList<>();
    private static RoundRobinProxy proxy;

    @BeforeAll
    static void startServices() throws Exception {
        tenantService = new TenantServiceProcess();
        tenantService.start();
        for (int i = 0; i < 2; i++) {
            instances.add(ServiceJar.start("room-service", RoomServiceEnvironment.forCrashTests()));
        }
        proxy = new RoundRobinProxy(instances.stream().map(ServiceJar::port).toList());
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = proxy.port();
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceJar instance : instances) {
            instance.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (tenantService != null) {
            tenantService.stop();
        }
        RestAssured.reset();
    }

    @Test
    void eitherInstanceCanDieWhileTheOtherAnswersEverythingAtTheSameAddress() throws Exception {
        Platform.emptyPool();
        Map<String, List<String>> connected = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            connected.put(Platform.worker("eu", 100, 0.1), new CopyOnWriteArrayList<>());
        }
        List<HeartbeatKeeper> keepers = connected.entrySet().stream()
                .map(worker -> HeartbeatKeeper.start(worker.getKey(), worker.getValue())).toList();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Tenant tenant = Platform.tenant("TwoRooms");
            Platform.webhook(tenant, receiver.url());
            Calls calls = new Calls(tenant, connected);

            Round both = calls.round("both");
            for (int i = 0; i < RACES; i++) {
                calls.race("race-" + i);
            }
            for (int instance = 0; instance < 2; instance++) {
                assertTrue(proxy.requests(instance, JOIN) > 0 && proxy.requests(instance, HEARTBEAT) > 0,
                        "joins and heartbeats reached instance " + instance);
            }
            awaitEveryEventDelivered(tenant, receiver);

            instances.get(0).kill();
            Round withoutFirst = calls.round("first-dead");
            assertEveryWorkerAliveAfterTheSilenceLimit(connected.keySet(), keepers);
            awaitEveryEventDelivered(tenant, receiver);

            long restarting = System.nanoTime();
            instances.get(0).start();
            long restartMillis = (System.nanoTime() - restarting) / 1_000_000;
            long joinsAtFirstBefore = proxy.requests(0, JOIN);
            Round again = calls.round("both-again");
            assertTrue(proxy.requests(0, JOIN) > joinsAtFirstBefore, "the restarted instance answers joins again");
            for (Map.Entry<String, List<Map<String, Object>>> batch : both.events().entrySet()) {
                for (int i = 0; i < 2; i++) { // resent, as after a lost answer: each time to the next instance
                    JsonPath outcome = Platform.events(batch.getKey(), batch.getValue());
                    assertEquals(0, outcome.getInt("applied"));
                    assertEquals(batch.getValue().size(), outcome.getInt("duplicates"));
                }
            }
            awaitEveryEventDelivered(tenant, receiver);

            instances.get(1).kill();
            Round withoutSecond = calls.round("second-dead");
            assertEveryWorkerAliveAfterTheSilenceLimit(connected.keySet(), keepers);
            List<String> log = awaitEveryEventDelivered(tenant, receiver);

            Map<String, Long> requestsById = receiver.received().stream()
                    .collect(Collectors.groupingBy(Received::id, Collectors.counting()));
            assertEquals(log.size(), requestsById.size(), "the receiver got every event of the log");
            requestsById.forEach((id, requests) -> assertEquals(1L, requests, id + " was delivered " + requests + " times"));
            for (Round round : List.of(both, withoutFirst, again, withoutSecond)) {
                for (Map.Entry<String, String> room : round.rooms().entrySet()) {
                    assertStillInTheCall(tenant, room.getKey(), room.getValue());
                }
            }
            long bytesIn = given().header("Authorization", tenant.key())
                    .get("/v1/usage?granularity=day&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1))
                    .then().statusCode(200).extract().jsonPath().getLong("totals.bytesIn");
            assertEquals(4 * JOINS_PER_ROUND * BYTES_IN, bytesIn, "usage counts each participant's traffic once");

            System.out.printf("two room-services: before the kills joins/heartbeats answered by instance 0: %d/%d, by 1: %d/%d;"
                            + " first killed: the next %d joins (with tokens, events, a room) answered in %d ms, first join %d ms;"
                            + " restart %d ms; second killed: %d ms, first join %d ms; heartbeats: longest gap %d ms, %d unanswered,"
                            + " %d refused; connects refused by a dead instance: %d; %d webhooks, each delivered once; %d races, one worker each%n",
                    both.joinsAt0(), both.heartbeatsAt0(), both.joinsAt1(), both.heartbeatsAt1(), JOINS_PER_ROUND,
                    withoutFirst.millis(), withoutFirst.firstJoinMillis(), restartMillis, withoutSecond.millis(),
                    withoutSecond.firstJoinMillis(), keepers.stream().mapToLong(HeartbeatKeeper::longestGapMillis).max().orElse(0),
                    keepers.stream().mapToLong(HeartbeatKeeper::unanswered).sum(),
                    keepers.stream().mapToLong(HeartbeatKeeper::refused).sum(), proxy.refusedConnects(), log.size(), RACES);
        } finally {
            keepers.forEach(HeartbeatKeeper::close);
        }
    }

    /** The room's session is going on with the participant in it: nobody closed the call. */
    private static void assertStillInTheCall(Tenant tenant, String room, String identity) {
        String session = given().header("Authorization", tenant.key()).get("/v1/rooms/" + room + "/sessions")
                .then().statusCode(200).extract().path("items[0].sid");
        JsonPath participants = given().header("Authorization", tenant.key())
                .get("/v1/rooms/" + room + "/sessions/" + session + "/participants").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(identity), participants.getList("items.identity"), room);
        assertNull(participants.getString("items[0].leftAt"), identity + " is still in " + room);
    }

    /** Waits past the silence limit while the workers beat through the address; nobody may have been declared dead. */
    private static void assertEveryWorkerAliveAfterTheSilenceLimit(Iterable<String> workers, List<HeartbeatKeeper> keepers)
            throws InterruptedException {
        Thread.sleep(SILENCE_LIMIT.multipliedBy(2).toMillis());
        for (HeartbeatKeeper keeper : keepers) {
            assertEquals(0, keeper.refused(), "a heartbeat was refused: its worker had been declared gone");
        }
        JsonPath pool = given().header("Authorization", Platform.platformAdmin()).get("/v1/admin/workers")
                .then().statusCode(200).extract().jsonPath();
        for (String worker : workers) {
            assertEquals("active", pool.getString("items.find { it.id == '" + worker + "' }.state"), worker + "; " + keepers);
        }
    }

    /** Waits (bounded) until every event in the tenant's delivery log is delivered and was received; answers their ids. */
    private static List<String> awaitEveryEventDelivered(Tenant tenant, WebhookReceiver receiver) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        List<String> pending = List.of();
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> log = deliveryLog(tenant);
            pending = log.stream().filter(item -> !"delivered".equals(item.get("state"))).map(item -> (String) item.get("id")).toList();
            List<String> ids = log.stream().map(item -> (String) item.get("id")).toList();
            List<String> received = receiver.received().stream().map(Received::id).toList();
            if (pending.isEmpty() && received.containsAll(ids)) {
                return ids;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not every webhook was delivered within " + WAIT + "; pending: " + pending);
    }

    private static List<Map<String, Object>> deliveryLog(Tenant tenant) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().header("Authorization", tenant.key()).queryParam("limit", 100)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/v1/webhooks/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }

    /** What one round of calls did: rooms joined (room → identity), events sent by worker, and how long it took. */
    private record Round(Map<String, String> rooms, Map<String, List<Map<String, Object>>> events, long millis,
                         long firstJoinMillis, long joinsAt0, long heartbeatsAt0, long joinsAt1, long heartbeatsAt1) {
    }

    /** The calls of a customer back end, its end users and the workers, all through the one address. */
    private static final class Calls {

        private final Tenant tenant;
        private final Map<String, List<String>> connected;

        Calls(Tenant tenant, Map<String, List<String>> connected) {
            this.tenant = tenant;
            this.connected = connected;
        }

        /** New rooms joined one participant each, the worker reporting it and its traffic; and a room created. */
        Round round(String label) {
            long started = System.nanoTime();
            long firstJoin = -1;
            Map<String, String> rooms = new LinkedHashMap<>();
            Map<String, List<Map<String, Object>>> events = new HashMap<>();
            for (int i = 0; i < JOINS_PER_ROUND; i++) {
                String room = label + "-" + i;
                String identity = "user-" + label + "-" + i;
                Joined joined = join(given(), Platform.mint(tenant, room, identity));
                if (firstJoin < 0) {
                    firstJoin = (System.nanoTime() - started) / 1_000_000;
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                List<Map<String, Object>> batch = List.of(WorkerEvents.joined(joined.sid(), now),
                        WorkerEvents.traffic(joined.sid(), now, BYTES_IN, 2 * BYTES_IN));
                assertEquals(2, Platform.events(joined.worker(), batch).getInt("applied"));
                events.computeIfAbsent(joined.worker(), w -> new ArrayList<>()).addAll(batch);
                rooms.put(room, identity);
            }
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", label + "-created"))
                    .post("/v1/rooms").then().statusCode(201);
            return new Round(rooms, events, (System.nanoTime() - started) / 1_000_000, firstJoin,
                    proxy.requests(0, JOIN), proxy.requests(0, HEARTBEAT), proxy.requests(1, JOIN), proxy.requests(1, HEARTBEAT));
        }

        /** Two joins for one new room at the same moment, one to each instance directly: one worker gets the room. */
        void race(String room) throws Exception {
            List<String> tokens = List.of(Platform.mint(tenant, room, "x"), Platform.mint(tenant, room, "y"));
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Joined>> joins = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ServiceJar instance = instances.get(i);
                String token = tokens.get(i);
                joins.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return join(given().baseUri(instance.url()).port(-1), token);
                }));
            }
            go.countDown();
            Joined first = joins.get(0).get(20, TimeUnit.SECONDS);
            Joined second = joins.get(1).get(20, TimeUnit.SECONDS);
            assertEquals(first.worker(), second.worker(), "both joins of " + room + " went to one worker");
            assertEquals(first.worker(), given().header("Authorization", tenant.key()).get("/v1/rooms/" + room)
                    .then().statusCode(200).extract().path("workerId"));
        }

        private Joined join(io.restassured.specification.RequestSpecification request, String token) {
            JsonPath answer = request.header("Authorization", "Bearer " + token).post("/v1/rtc/join")
                    .then().statusCode(200).extract().jsonPath();
            String signalUrl = answer.getString("signalUrl");
            Joined joined = new Joined(answer.getString("participant.sid"), signalUrl.substring(signalUrl.lastIndexOf('/') + 1));
            connected.get(joined.worker()).add(joined.sid()); // the worker now has it connected and says so
            return joined;
        }
    }

    private record Joined(String sid, String worker) {
    }
}
