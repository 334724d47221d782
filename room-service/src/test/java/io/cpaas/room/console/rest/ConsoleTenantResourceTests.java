package io.cpaas.room.console.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.HeartbeatKeeper;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's internal endpoints: the cluster secret, the public API's numbers, and never another tenant's data. */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class ConsoleTenantResourceTests {

    private static RequestSpecification internal() {
        return given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET);
    }

    @Test
    void everyConsoleEndpointNeedsTheClusterSecret() {
        Tenant tenant = Platform.tenant("ConsoleSecret");
        for (String path : List.of("/usage", "/rooms", "/rooms/any", "/webhooks/deliveries")) {
            given().get("/internal/v1/console/tenants/" + tenant.id() + path).then().statusCode(401);
            given().header("X-Cluster-Secret", "wrong-secret-of-enough-length").get("/internal/v1/console/tenants/" + tenant.id() + path)
                    .then().statusCode(401);
        }
        given().post("/internal/v1/console/tenants/" + tenant.id() + "/webhooks/test").then().statusCode(401);
        given().get("/internal/v1/console/workers").then().statusCode(401);
        given().post("/internal/v1/console/workers/any/drain").then().statusCode(401);
        // And the tenant's own API key is no substitute for it.
        given().header("Authorization", tenant.key()).get("/internal/v1/console/tenants/" + tenant.id() + "/usage").then().statusCode(401);
    }

    @Test
    void usageIsWhatThePublicApiAnswersForThatTenant() {
        Tenant tenant = Platform.tenant("ConsoleUsage");
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Platform.heartbeat(worker, 0.1, 0);
        String alice = Platform.join(tenant, "usage-room", "alice");
        Platform.events(worker, List.of(WorkerEvents.joined(alice, now.minusSeconds(600)), WorkerEvents.left(alice, now, 1234, 5678)));
        // Ended, so that nothing grows between the two reads below.
        given().header("Authorization", tenant.key()).delete("/v1/rooms/usage-room").then().statusCode(204);
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", "t"))
                .post("/v1/turn/credentials").then().statusCode(201);
        String query = "?granularity=day&from=" + now.minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)
                + "&to=" + now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);

        String console = internal().get("/internal/v1/console/tenants/" + tenant.id() + "/usage" + query)
                .then().statusCode(200).extract().asString();
        String api = given().header("Authorization", tenant.key()).get("/v1/usage" + query).then().statusCode(200).extract().asString();

        assertEquals(api, console);
        assertTrue(console.contains("\"bytesIn\":5678") || console.contains("\"bytesIn\":1234"), console);
        // Another tenant sees none of it.
        Tenant other = Platform.tenant("ConsoleUsageOther");
        internal().get("/internal/v1/console/tenants/" + other.id() + "/usage" + query).then().statusCode(200)
                .body("totals.participantSeconds", equalTo(0.0f)).body("totals.bytesIn", equalTo(0))
                .body("totals.turnCredentialsIssued", equalTo(0));
    }

    @Test
    void liveRoomsAndRoomDetailsAreThoseOfTheNamedTenantOnly() {
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Tenant a = Platform.tenant("ConsoleRoomsA");
        Tenant b = Platform.tenant("ConsoleRoomsB");
        Platform.heartbeat(worker, 0.1, 0);
        String aliceSid = Platform.join(a, "shared-name", "alice");
        Platform.heartbeat(worker, 0.1, 0);
        String bobSid = Platform.join(b, "shared-name", "bob");
        Platform.heartbeat(worker, 0.1, 0);
        Platform.join(b, "only-b", "carol");
        try (HeartbeatKeeper alive = HeartbeatKeeper.start(worker, List.of(aliceSid, bobSid))) {
            Platform.heartbeat(worker, List.of(aliceSid, bobSid));
            assertLiveRoomsSeparated(worker, a, b);
        }
    }

    private static void assertLiveRoomsSeparated(String worker, Tenant a, Tenant b) {
        internal().get("/internal/v1/console/tenants/" + a.id() + "/rooms").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].name", equalTo("shared-name"))
                .body("items[0].workerId", equalTo(worker)).body("items[0].participants", equalTo(1));
        internal().get("/internal/v1/console/tenants/" + b.id() + "/rooms").then().statusCode(200).body("items", hasSize(2));

        String detail = internal().get("/internal/v1/console/tenants/" + a.id() + "/rooms/shared-name").then().statusCode(200)
                .body("room.name", equalTo("shared-name")).body("present", hasSize(1))
                .body("present[0].identity", equalTo("alice")).extract().asString();
        assertFalse(detail.contains("bob"), detail);
        // B's room is not found under A, whatever its name.
        internal().get("/internal/v1/console/tenants/" + a.id() + "/rooms/only-b").then().statusCode(404)
                .contentType("application/problem+json");
        internal().get("/internal/v1/console/tenants/tn_doesnotexist/rooms").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void deliveriesAreThoseOfTheNamedTenantOnly() {
        Tenant a = Platform.tenant("ConsoleHooksA");
        Tenant b = Platform.tenant("ConsoleHooksB");
        String id = internal().post("/internal/v1/console/tenants/" + a.id() + "/webhooks/test").then().statusCode(202)
                .extract().path("id");
        internal().get("/internal/v1/console/tenants/" + a.id() + "/webhooks/deliveries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("items[0].type", equalTo("webhook.test"));
        internal().get("/internal/v1/console/tenants/" + a.id() + "/webhooks/deliveries/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        internal().get("/internal/v1/console/tenants/" + b.id() + "/webhooks/deliveries").then().statusCode(200)
                .body("items", hasSize(0));
        internal().get("/internal/v1/console/tenants/" + b.id() + "/webhooks/deliveries/" + id).then().statusCode(404);
        // The public log agrees.
        given().header("Authorization", a.key()).get("/v1/webhooks/deliveries").then().statusCode(200)
                .body("items[0].id", equalTo(id));
    }

    @Test
    void thePoolListsWorkersWithTheirRoomsAndDrainsOne() {
        Tenant tenant = Platform.tenant("ConsolePool");
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.25);
        try (HeartbeatKeeper alive = HeartbeatKeeper.start(worker, List.of())) {
            Platform.join(tenant, "pool-room", "alice");
            assertPoolDrains(worker);
        }
    }

    private static void assertPoolDrains(String worker) {
        internal().get("/internal/v1/console/workers").then().statusCode(200)
                .body("items.find { it.worker.id == '" + worker + "' }.rooms", equalTo(1))
                .body("items.find { it.worker.id == '" + worker + "' }.worker.state", equalTo("active"));
        internal().post("/internal/v1/console/workers/" + worker + "/drain").then().statusCode(204);
        internal().get("/internal/v1/console/workers").then().statusCode(200)
                .body("items.find { it.worker.id == '" + worker + "' }.worker.state", equalTo("draining"));
        internal().post("/internal/v1/console/workers/w-unknown/drain").then().statusCode(404);
    }
}
