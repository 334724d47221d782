package io.cpaas.room.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * room-service as its packaged jar, killed with SIGKILL while webhooks are still being retried,
 * then started again: every event written before the crash reaches the receiver afterwards.
 * Runs after packaging (failsafe), against the real tenant-service, Keycloak and PostgreSQL.
 */
class WebhookDeliveryRestartIT {

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
        try (WebhookReceiver receiver = new WebhookReceiver().answering(n -> 503)) {
            Platform.emptyPool();
            String worker = Platform.worker("eu", 100, 0.1);
            Tenant tenant = Platform.tenant("Restart");
            Platform.tenantService().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url())).put("/v1/tenants/" + tenant.id() + "/webhook").then().statusCode(200);
            List<Map<String, Object>> joined = new ArrayList<>();
            for (int i = 0; i < ROOMS; i++) {
                String sid = Platform.join(tenant, "room-" + i, "user-" + i);
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
            // Later events may follow (the simulated worker stops heartbeating, so its rooms end): not counted here.
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

    private static Set<String> delivered(List<Received> received) {
        return received.stream().filter(Received::delivered).map(Received::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> eventIds(Tenant tenant) {
        List<String> ids = given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries?limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        return new TreeSet<>(ids);
    }
}
