package io.cpaas.room.pool.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class AdminWorkerResourceTests {

    @Test
    void platformAdminsSeeThePoolAndMetricsExportIt() throws InterruptedException {
        String worker = Platform.worker("eu", 50, 0.25);
        given().header("Authorization", Platform.platformAdmin()).get("/v1/admin/workers").then().statusCode(200)
                .body("items.id", hasItem(worker))
                .body("items.find { it.id == '" + worker + "' }.load.cpu", equalTo(0.25f))
                .body("items.find { it.id == '" + worker + "' }.maxParticipants", equalTo(50));
        Thread.sleep(1500); // gauges refresh every second
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cpaas_pool_utilization"))
                .body(containsString("cpaas_pool_workers{state=\"active\"}"));
    }

    @Test
    void tenantsKeysAndStrangersCannotSeeThePool() {
        Platform.Tenant tenant = Platform.tenant("NotAdmin");
        given().header("Authorization", tenant.key()).get("/v1/admin/workers").then().statusCode(403);
        given().get("/v1/admin/workers").then().statusCode(401);
        given().header("Authorization", tenant.key()).post("/v1/admin/workers/x/drain").then().statusCode(403);
    }

    @Test
    void theInternalApiNeedsTheClusterSecretAndValidRegistrations() {
        given().contentType("application/json").body(Map.of("id", "w1")).post("/internal/v1/workers").then().statusCode(401);
        given().header("X-Cluster-Secret", "wrong-secret-wrong-secret").contentType("application/json")
                .body(Map.of("id", "w1")).post("/internal/v1/workers").then().statusCode(401);
        given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType("application/json")
                .body(Map.of("id", "w 1", "region", "eu", "signalUrl", "http://x", "udpAddress", "x",
                        "capacity", Map.of("participants", 0, "tracks", 1)))
                .post("/internal/v1/workers").then().statusCode(400).contentType("application/problem+json");
        given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType("application/json")
                .body(Map.of("cpu", 7, "participants", -1, "tracksIn", 0, "tracksOut", 0, "bitrateBps", 0))
                .post("/internal/v1/workers/nobody/heartbeat").then().statusCode(400);
    }
}
