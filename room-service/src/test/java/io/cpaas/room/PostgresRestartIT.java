package io.cpaas.room;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.PrivatePostgres;
import io.cpaas.room.support.RoomServiceEnvironment;
import io.cpaas.room.support.ServiceJar;
import io.cpaas.room.support.TenantServiceProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under running services (failsafe, after packaging): tenant-service and
 * room-service run as their packaged jars against a PostgreSQL cluster of this test's own, which is
 * stopped (fast shutdown: every session cut) and started again. Both must report not-ready while it is
 * down, become ready again by themselves, and every write they acknowledged must be there; a write
 * refused during the outage must not be there half-done.
 */
class PostgresRestartIT {

    /** Longest time to notice the database is gone, and to be ready again once it is back. */
    static final Duration NOTICE = Duration.ofSeconds(30);
    static final Duration RECOVER = Duration.ofSeconds(60);

    private static PrivatePostgres postgres;
    private static TenantServiceProcess tenantService;
    private static ServiceJar roomService;

    @BeforeAll
    static void startServices() {
        postgres = PrivatePostgres.start();
        postgres.createDatabase("cpaas");
        tenantService = new TenantServiceProcess(postgres.jdbcUrl("cpaas"));
        tenantService.start();
        roomService = ServiceJar.start("room-service", RoomServiceEnvironment.of(postgres.jdbcUrl("cpaas")));
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
        if (postgres != null) {
            postgres.close();
        }
        RestAssured.reset();
    }

    @Test
    void servicesAreNotReadyWhileThePostgresIsDownAndRecoverByThemselvesWithNoLostWrites() {
        Tenant tenant = Platform.tenant("PgRestart");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acknowledged.add(createRoom(tenant, "before-" + i, 201));
        }
        String roomUrl = roomService.url();
        String tenantUrl = tenantService.processUrl();

        long stoppedAt = System.nanoTime();
        postgres.stop();
        long roomNotReady = awaitReady(roomUrl, false, NOTICE);
        long tenantNotReady = awaitReady(tenantUrl, false, NOTICE);
        int refused = given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "during-outage")).post("/v1/rooms").then().extract().statusCode();
        assertTrue(refused >= 500, "a write while the database is down is refused, not acknowledged: " + refused);

        long startedAt = System.nanoTime();
        postgres.startServer();
        long roomReady = awaitReady(roomUrl, true, RECOVER);
        long tenantReady = awaitReady(tenantUrl, true, RECOVER);
        System.out.printf("postgres restart: room-service not ready %d ms after the stop, ready %d ms after the start;"
                        + " tenant-service %d ms / %d ms%n", ms(roomNotReady - stoppedAt), ms(roomReady - startedAt),
                ms(tenantNotReady - stoppedAt), ms(tenantReady - startedAt));

        // Ready means usable: the very next writes, through both services (API key introspection), succeed.
        for (int i = 0; i < 5; i++) {
            acknowledged.add(createRoom(tenant, "after-" + i, 201));
        }
        List<String> stored = given().header("Authorization", tenant.key()).queryParam("limit", 100).get("/v1/rooms")
                .then().statusCode(200).extract().jsonPath().getList("items.name");
        assertTrue(stored.containsAll(acknowledged), "every acknowledged write is there: " + stored);
        assertFalse(stored.contains("during-outage"), "the refused write left nothing behind: " + stored);
        assertEquals(acknowledged.size(), stored.size(), stored.toString());
    }

    private static String createRoom(Tenant tenant, String name, int expected) {
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/rooms").then().statusCode(expected);
        return name;
    }

    /** Polls /q/health/ready until it is (or is not) 200; answers System.nanoTime() when it was. */
    private static long awaitReady(String baseUrl, boolean ready, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (isReady(baseUrl) == ready) {
                return System.nanoTime();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(baseUrl + (ready ? " did not become ready" : " stayed ready") + " within " + limit);
    }

    private static boolean isReady(String baseUrl) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
