package io.cpaas.room.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.ConsoleLogin;
import io.cpaas.room.support.HeartbeatKeeper;
import io.cpaas.room.support.Keycloak;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console pages that show room-service's data (live rooms, a room, usage and its CSV, the
 * webhook delivery log, a delivery, the test event), over HTTP through the real tenant-service's
 * console and this room-service, with tenant B's real room and delivery: tenant A's admin and viewer
 * get 404 on B's pages, and B's room and delivery named through A's own pages are not found either.
 * tenant-service's ConsoleIsolationTests covers every console route without room-service.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class ConsoleCrossTenantTests {

    private static final String B_ROOM = "b-secret-room";
    /** B's participant; hyphens, so that no random id on a page (A's tenant id, a user name) can contain it by chance. */
    private static final String B_PARTICIPANT = "bob-of-b";

    @Test
    void tenantAsAdminAndViewerNeverReachTenantBsRoomsUsageOrDeliveries() {
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Tenant a = Platform.tenant("Console cross A");
        Tenant b = Platform.tenant("Console cross B");
        String password = UUID.randomUUID().toString();
        String adminOfA = "cross-admin-" + a.id().replace('_', '-');
        String viewerOfA = "cross-viewer-" + a.id().replace('_', '-');
        Keycloak.createTenantUser(adminOfA, password, a.id(), "tenant-admin");
        Keycloak.createTenantUser(viewerOfA, password, a.id(), "tenant-viewer");
        Platform.webhook(b, "https://b-receiver.example/hooks");
        String bDelivery = given().header("Authorization", b.key()).post("/v1/webhooks/test").then().statusCode(202).extract().path("id");
        String bob;
        try (HeartbeatKeeper beforeTheJoin = HeartbeatKeeper.start(worker, List.of())) {
            bob = Platform.join(b, B_ROOM, B_PARTICIPANT);
        }
        try (HeartbeatKeeper inTheCall = HeartbeatKeeper.start(worker, List.of(bob))) {
            Platform.events(worker, List.of(WorkerEvents.joined(bob, Instant.now().minusSeconds(1))));
            List<String> bDeliveries = deliveries(b);
            assertTrue(bDeliveries.contains(bDelivery + " webhook.test"), bDeliveries.toString());

            int requests = 0;
            for (String user : List.of(adminOfA, viewerOfA)) {
                ConsoleLogin console = ConsoleLogin.signIn(TenantServiceProcess.url(), user, password);
                String bPages = "/console/tenants/" + b.id();
                String aPages = "/console/tenants/" + a.id();
                for (String page : List.of("/usage", "/usage.csv", "/rooms", "/rooms/" + B_ROOM, "/webhooks",
                        "/webhooks/deliveries/" + bDelivery)) {
                    assertNotFoundAndSilent(console.get(bPages + page), user);
                    requests++;
                }
                console.get(aPages + "/keys");
                assertNotFoundAndSilent(console.post(bPages + "/webhooks/test", Map.of()), user);
                requests++;
                // B's room and delivery named through A's own pages: room-service looks them up in A's data only.
                assertNotFoundAndSilent(console.get(aPages + "/rooms/" + B_ROOM), user);
                assertNotFoundAndSilent(console.get(aPages + "/webhooks/deliveries/" + bDelivery), user);
                HttpResponse<String> escaped = console.get(aPages + "/rooms/..%2F..%2F" + b.id() + "%2Frooms%2F" + B_ROOM);
                assertTrue(escaped.statusCode() == 404 || escaped.statusCode() == 400, "an encoded path: " + escaped.statusCode());
                assertFalse(escaped.body().contains(B_PARTICIPANT));
                requests += 3;
                // A's own pages do reach room-service, and show nothing of B.
                for (String page : List.of("/rooms", "/webhooks", "/usage", "/usage.csv")) {
                    HttpResponse<String> own = console.get(aPages + page);
                    assertEquals(200, own.statusCode(), user + " " + page + ": " + own.body());
                    assertFalse(own.body().contains(B_ROOM) || own.body().contains(bDelivery), user + " " + page);
                    requests++;
                }
            }
            assertEquals(2 * 14, requests);
            assertEquals(bDeliveries, deliveries(b), "no test event was queued for B");
            given().header("Authorization", b.key()).get("/v1/rooms/" + B_ROOM).then().statusCode(200);
            given().header("Authorization", b.key()).get("/v1/webhooks/deliveries/" + bDelivery).then().statusCode(200);
        }
    }

    private static void assertNotFoundAndSilent(HttpResponse<String> answer, String user) {
        assertEquals(404, answer.statusCode(), user + ": " + answer.uri() + " answered " + answer.statusCode());
        assertFalse(answer.body().contains(B_PARTICIPANT), user + ": " + answer.uri() + " shows B's participant");
        assertFalse(answer.body().contains("b-receiver.example"), user + ": " + answer.uri() + " shows B's webhook");
    }

    private static List<String> deliveries(Tenant tenant) {
        return given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("items.collect { it.id + ' ' + it.type }");
    }
}
