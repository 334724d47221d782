package io.cpaas.room;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.Keycloak;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.ServiceJar;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WebhookReceiver;
import io.cpaas.room.support.WebhookReceiver.Received;
import io.cpaas.room.support.WorkerEvents;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * room-service as its packaged jar, killed with SIGKILL and started again, against the real
 * tenant-service, Keycloak and PostgreSQL (failsafe, after packaging): webhooks written before the
 * crash are delivered after it, and workers with calls in progress stay in the pool with their rooms.
 */
class RoomServiceRestartIT {

    private static final int ROOMS = 5;

    private static TenantServiceProcess tenantService;
    private static ServiceJar roomService;

    @BeforeAll
    static void startServices() {
        tenantService = new TenantServiceProcess();
        tenantService.start();
        Map<String, String> env = new HashMap<>();
        env.put("CPAAS_DB_URL", ServiceJar.env("CPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpaas_test"));
        env.put("CPAAS_DB_USER", "postgres");
        env.put("CPAAS_DB_PASSWORD", "");
        env.put("CPAAS_KEYCLOAK_URL", Keycloak.URL);
        env.put("CPAAS_CLUSTER_SECRET", TenantServiceProcess.CLUSTER_SECRET);
        env.put("CPAAS_TENANT_URL", TenantServiceProcess.url());
        env.put("CPAAS_TURN_SECRETS", ServiceJar.env("CPAAS_TEST_TURN_SECRET", "test-turn-secret-0123456789"));
        env.put("CPAAS_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("CPAAS_WEBHOOKS_FIRST_RETRY_DELAY", "0.5S");
        env.put("CPAAS_WEBHOOKS_MAX_RETRY_DELAY", "1S");
        env.put("CPAAS_WEBHOOKS_TIMEOUT", "2S");
        env.put("CPAAS_POOL_HEARTBEAT_INTERVAL", "1S"); // silent for 3 s = unhealthy
        roomService = ServiceJar.start("room-service", env);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = roomService.port();
    }

    @AfterAll
    static void stopServices() {
        if (roomService != null) {
            roomService.stop();
        }
        if (tenantService != null) {
            tenantService.stop();
        }
        RestAssured.reset();
    }

    @Test
    void eventsWrittenBeforeACrashAreDeliveredAfterTheRestart() throws Exception {
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        List<String> connected = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver().answering(n -> 503);
             Heartbeats alive = new Heartbeats(worker, connected)) {
            Tenant tenant = Platform.tenant("Restart");
            Platform.tenantService().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url())).put("/v1/tenants/" + tenant.id() + "/webhook").then().statusCode(200);
            List<Map<String, Object>> joined = new ArrayList<>();
            for (int i = 0; i < ROOMS; i++) {
                String sid = Platform.join(tenant, "room-" + i, "user-" + i);
                connected.add(sid);
                joined.add(WorkerEvents.joined(sid, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            }
            Platform.events(worker, joined);
            Set<String> written = eventIds(tenant);
            assertEquals(2 * ROOMS, written.size(), "room.started and participant.joined per room");
            receiver.await(r -> r.size() >= ROOMS, Duration.ofSeconds(20)); // failing attempts are going on

            roomService.kill();
            receiver.answering(n -> 200);
            roomService.start();

            List<Received> got = receiver.await(r -> delivered(r).containsAll(written), Duration.ofSeconds(60));
            assertTrue(delivered(got).containsAll(written), "every event written before the crash was delivered");
            for (String id : written) {
                String state = given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries/" + id)
                        .then().statusCode(200).extract().path("state");
                assertEquals("delivered", state, id);
            }
            long deliveredBefore = got.stream().filter(r -> r.delivered() && written.contains(r.id())).count();
            assertTrue(deliveredBefore <= 2L * written.size(), deliveredBefore + " deliveries of " + written.size() + " events");
        }
    }

    @Test
    void aWorkerWithACallStaysInThePoolWithItsRoomWhenRoomServiceIsDownLongerThanTheSilenceLimit() throws Exception {
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Tenant tenant = Platform.tenant("Outage");
        String alice = Platform.join(tenant, "call", "alice");
        Platform.events(worker, List.of(WorkerEvents.joined(alice, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        try (Heartbeats heartbeats = new Heartbeats(worker, List.of(alice))) {
            roomService.kill();
            Thread.sleep(6_000); // twice the silence limit
            roomService.start();
            Thread.sleep(5_000); // past the silence limit after the restart
            assertFalse(heartbeats.refused.get(), "room-service told the worker it no longer knew it");
        }

        assertEquals("active", given().header("Authorization", Platform.platformAdmin()).get("/v1/admin/workers")
                .then().statusCode(200).extract().jsonPath().getString("items.find { it.id == '" + worker + "' }.state"));
        assertEquals(worker, given().header("Authorization", tenant.key()).get("/v1/rooms/call")
                .then().statusCode(200).extract().path("workerId"));
        String session = given().header("Authorization", tenant.key()).get("/v1/rooms/call/sessions")
                .then().statusCode(200).extract().path("items[0].sid");
        String leftAt = given().header("Authorization", tenant.key()).get("/v1/rooms/call/sessions/" + session + "/participants")
                .then().statusCode(200).extract().path("items[0].leftAt");
        assertNull(leftAt, "alice is still in the call");
    }

    /** The worker's side: a heartbeat a second listing its participants, going on through outages. */
    private static final class Heartbeats implements AutoCloseable {

        final AtomicBoolean refused = new AtomicBoolean();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Heartbeats(String worker, List<String> participantSids) {
            thread = new Thread(() -> {
                for (int i = 0; i < 300 && !stop.get(); i++) {
                    try {
                        int status = given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET)
                                .contentType(ContentType.JSON)
                                .body(Map.of("cpu", 0.1, "participants", participantSids.size(), "tracksIn", 0, "tracksOut", 0,
                                        "bitrateBps", 0, "participantSids", participantSids))
                                .post("/internal/v1/workers/" + worker + "/heartbeat").statusCode();
                        if (status == 404) {
                            refused.set(true);
                        }
                    } catch (Exception down) { // RestAssured rethrows ConnectException unchecked-style
                        // room-service is down: a worker keeps its calls and tries again
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "simulated-worker-heartbeats");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    private static Set<String> delivered(List<Received> received) {
        return received.stream().filter(Received::delivered).map(Received::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> eventIds(Tenant tenant) {
        List<String> ids = given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries?limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        return new TreeSet<>(ids);
    }
}
