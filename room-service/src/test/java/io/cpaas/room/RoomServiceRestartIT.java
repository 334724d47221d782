package io.cpaas.room;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.HeartbeatKeeper;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.RoomServiceEnvironment;
import io.cpaas.room.support.ServiceJar;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WebhookReceiver;
import io.cpaas.room.support.WebhookReceiver.Received;
import io.cpaas.room.support.WorkerEvents;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        roomService = ServiceJar.start("room-service", RoomServiceEnvironment.forCrashTests());
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
             HeartbeatKeeper alive = HeartbeatKeeper.start(worker, connected)) {
            Tenant tenant = Platform.tenant("Restart");
            Platform.webhook(tenant, receiver.url());
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
        try (HeartbeatKeeper heartbeats = HeartbeatKeeper.start(worker, List.of(alice))) {
            roomService.kill();
            Thread.sleep(6_000); // twice the silence limit
            roomService.start();
            Thread.sleep(5_000); // past the silence limit after the restart
            assertEquals(0, heartbeats.refused(), "room-service told the worker it no longer knew it");

            // Still beating while we look: checks slower than the silence limit (a loaded machine) must not end the call.
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
