package io.cpaas.room.pool.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placement of broadcast rooms over simulated workers (cpaas.broadcast.viewers-per-edge is 2 in
 * tests): hosts on the origin, viewers on edges that relay from it. The workers' control API is a
 * small HTTP server that records what room-service asks of it; the real relay between workers is
 * tested in sfu-worker (BroadcastFanOutIT).
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class BroadcastPlacementTests {

    private HttpServer control;
    private final ConcurrentLinkedQueue<String> relayRequests = new ConcurrentLinkedQueue<>();
    private volatile int relayStatus = 204;
    /**
     * The simulated workers keep beating while a test runs, each on its own, listing the viewers
     * placed on them as connected (as a worker does once they arrive): on a slow machine they must
     * neither fall silent nor see their viewers' reservations lapse.
     */
    private final Map<String, List<String>> connected = new java.util.concurrent.ConcurrentHashMap<>();
    private java.util.concurrent.ScheduledExecutorService heartbeats;

    @BeforeEach
    void startControl() throws IOException {
        Platform.emptyPool();
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean secret = TenantServiceProcess.CLUSTER_SECRET.equals(exchange.getRequestHeaders().getFirst("X-Cluster-Secret"));
            relayRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body + (secret ? "" : " NO-SECRET"));
            exchange.sendResponseHeaders(relayStatus, -1);
            exchange.close();
        });
        control.start();
        heartbeats = Executors.newScheduledThreadPool(8);
    }

    @AfterEach
    void stopControl() {
        heartbeats.shutdownNow();
        control.stop(0);
    }

    @Test
    void hostsGoToTheOriginAndViewersFillEdgesOfTwoBeforeAnotherOpens() {
        Tenant tenant = Platform.tenant("Broadcast");
        String origin = worker(0.0);
        String first = worker(0.1);
        String second = worker(0.2);
        createBroadcast(tenant, "show");
        assertEquals(origin, workerOf(join(tenant, "show", "host", true)));
        assertEquals(List.of(first, first, second, second), List.of(viewer(tenant, "show", "v1"), viewer(tenant, "show", "v2"),
                viewer(tenant, "show", "v3"), viewer(tenant, "show", "v4")));
        // No worker left to open an edge on: the edges take more, the origin still gets no viewer.
        String fifth = viewer(tenant, "show", "v5");
        assertTrue(fifth.equals(first) || fifth.equals(second), fifth);
        assertEquals(origin, workerOf(join(tenant, "show", "host2", true)), "hosts stay on the origin");
        List<String> relays = List.copyOf(relayRequests);
        assertEquals(5, relays.size(), "one relay request per viewer: " + relays);
        for (String relay : relays) {
            assertTrue(relay.startsWith("PUT /internal/v1/rooms/" + tenant.id() + "/show/relay "), relay);
            assertTrue(relay.contains("\"originWorkerId\":\"" + origin + "\""), relay);
            assertFalse(relay.endsWith("NO-SECRET"), relay);
        }
    }

    @Test
    void racingViewerJoinsAreAllPlacedOnEdgesOfTheRoomWithoutOpeningMoreThanNeeded() throws Exception {
        Tenant tenant = Platform.tenant("BroadcastRace");
        String origin = worker(0.0);
        List<String> edges = List.of(worker(0.1), worker(0.1), worker(0.1), worker(0.1));
        createBroadcast(tenant, "race");
        join(tenant, "race", "host", true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, Integer> perWorker = new TreeMap<>();
        try {
            List<Callable<String>> joins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String identity = "viewer" + i;
                joins.add(() -> viewer(tenant, "race", identity));
            }
            for (Future<String> placed : pool.invokeAll(joins)) {
                perWorker.merge(placed.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(perWorker.containsKey(origin), "no viewer on the origin: " + perWorker);
        assertEquals(edges.size(), perWorker.size(), "four edges of two, not more: " + perWorker);
        perWorker.values().forEach(count -> assertEquals(2, count, perWorker.toString()));
    }

    @Test
    void inAPoolOfOneWorkerViewersJoinTheOrigin() {
        Tenant tenant = Platform.tenant("BroadcastAlone");
        String only = worker(0.0);
        createBroadcast(tenant, "solo");
        assertEquals(only, viewer(tenant, "solo", "v1"));
        assertEquals(only, workerOf(join(tenant, "solo", "host", true)));
        assertTrue(relayRequests.isEmpty(), "nothing to relay on one worker: " + relayRequests);
    }

    @Test
    void aViewerIsRefusedWith503WhenItsEdgeCannotRelayTheRoom() {
        Tenant tenant = Platform.tenant("BroadcastBroken");
        worker(0.0);
        worker(0.1);
        createBroadcast(tenant, "broken");
        relayStatus = 503;
        join(tenant, "broken", "v1", false).then().statusCode(503).header("Retry-After", "2")
                .body("type", org.hamcrest.Matchers.equalTo("urn:cpaas:problem:unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("cannot be reached"));
        assertEquals(1, relayRequests.size(), "the edge was asked: " + relayRequests);
    }

    @Test
    void conferenceRoomsKeepEveryoneOnOneWorker() {
        Tenant tenant = Platform.tenant("NotBroadcast");
        String first = worker(0.0);
        worker(0.1);
        assertEquals(first, workerOf(join(tenant, "meeting", "host", true)));
        assertEquals(first, workerOf(join(tenant, "meeting", "v1", false)));
        assertTrue(relayRequests.isEmpty(), relayRequests.toString());
    }

    private String worker(double cpu) {
        String id = Platform.worker("eu", 100, cpu, "http://127.0.0.1:" + control.getAddress().getPort());
        List<String> sids = new java.util.concurrent.CopyOnWriteArrayList<>();
        connected.put(id, sids);
        heartbeats.scheduleWithFixedDelay(() -> {
            try {
                given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON)
                        .body(Map.of("cpu", cpu, "participants", sids.size(), "tracksIn", 0, "tracksOut", 0, "bitrateBps", 0,
                                "participantSids", List.copyOf(sids)))
                        .post("/internal/v1/workers/" + id + "/heartbeat");
            } catch (RuntimeException e) {
                // the next beat retries
            }
        }, 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        return id;
    }

    private static void createBroadcast(Tenant tenant, String room) {
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", room, "mode", "broadcast"))
                .post("/v1/rooms").then().statusCode(201);
    }

    private String viewer(Tenant tenant, String room, String identity) {
        return workerOf(join(tenant, room, identity, false));
    }

    private static Response join(Tenant tenant, String room, String identity, boolean publish) {
        String token = Platform.mint(tenant, room, Map.of("identity", identity, "grants", Map.of("publish", publish)));
        return given().header("Authorization", "Bearer " + token).post("/v1/rtc/join");
    }

    /** The worker a join landed on; the participant counts as connected there from now on. */
    private String workerOf(Response joined) {
        io.restassured.path.json.JsonPath answer = joined.then().statusCode(200).extract().jsonPath();
        String url = answer.getString("signalUrl");
        String worker = url.substring(url.lastIndexOf('/') + 1);
        List<String> sids = connected.get(worker);
        if (sids != null) {
            sids.add(answer.getString("participant.sid"));
        }
        return worker;
    }
}
