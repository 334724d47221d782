package io.cpaas.room.participant.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The participant control API as far as room-service decides it alone: scopes, tenant isolation,
 * validation, rooms that are not live, and workers that cannot be reached. What the worker does
 * with a removal, a mute or an update is tested against the real worker in sfu-worker's browser tests.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class ParticipantResourceTests {

    @BeforeEach
    void emptyPool() {
        Platform.emptyPool();
    }

    @Test
    void aLiveRoomNobodyIsInListsNoParticipants() {
        Tenant tenant = Platform.tenant("Quiet");
        as(tenant).contentType(ContentType.JSON).body(Map.of("name", "quiet")).post("/v1/rooms").then().statusCode(201);
        as(tenant).get("/v1/rooms/quiet/participants").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void roomsThatDoNotExistOrEndedAre404ForEveryOperation() {
        Tenant tenant = Platform.tenant("Gone");
        as(tenant).contentType(ContentType.JSON).body(Map.of("name", "gone")).post("/v1/rooms").then().statusCode(201);
        as(tenant).delete("/v1/rooms/gone").then().statusCode(204);
        for (String room : List.of("gone", "never-was")) {
            as(tenant).get("/v1/rooms/" + room + "/participants").then().statusCode(404)
                    .contentType("application/problem+json").body("type", equalTo("urn:cpaas:problem:not-found"));
            as(tenant).delete("/v1/rooms/" + room + "/participants/alice").then().statusCode(404);
            as(tenant).contentType(ContentType.JSON).body(Map.of("trackSid", "TR_1", "muted", true))
                    .post("/v1/rooms/" + room + "/participants/alice/mute").then().statusCode(404);
            as(tenant).contentType(ContentType.JSON).body(Map.of("name", "A")).patch("/v1/rooms/" + room + "/participants/alice")
                    .then().statusCode(404);
        }
    }

    @Test
    void aParticipantNotInTheRoomIs404() {
        Tenant tenant = Platform.tenant("Absent");
        as(tenant).contentType(ContentType.JSON).body(Map.of("name", "absent")).post("/v1/rooms").then().statusCode(201);
        as(tenant).delete("/v1/rooms/absent/participants/nobody").then().statusCode(404)
                .body("detail", containsString("nobody"));
        as(tenant).contentType(ContentType.JSON).body(Map.of("trackSid", "TR_1", "muted", true))
                .post("/v1/rooms/absent/participants/nobody/mute").then().statusCode(404);
        as(tenant).contentType(ContentType.JSON).body(Map.of("metadata", "x")).patch("/v1/rooms/absent/participants/nobody")
                .then().statusCode(404);
    }

    @Test
    void anotherTenantsRoomAndParticipantAre404AndStayUntouched() {
        Tenant owner = Platform.tenant("Owner");
        Tenant stranger = Platform.tenant("Stranger");
        Platform.worker("eu", 100, 0.1, Platform.unreachableControlUrl());
        Platform.join(owner, "private", "alice");
        as(stranger).get("/v1/rooms/private/participants").then().statusCode(404);
        as(stranger).delete("/v1/rooms/private/participants/alice").then().statusCode(404);
        as(stranger).queryParam("revokeToken", true).delete("/v1/rooms/private/participants/alice").then().statusCode(404);
        as(stranger).contentType(ContentType.JSON).body(Map.of("trackSid", "TR_1", "muted", true))
                .post("/v1/rooms/private/participants/alice/mute").then().statusCode(404);
        as(stranger).contentType(ContentType.JSON).body(Map.of("name", "Mallory")).patch("/v1/rooms/private/participants/alice")
                .then().statusCode(404);
        // Not a 404 for the owner: the room is live and placed (its worker just cannot be reached here).
        as(owner).get("/v1/rooms/private/participants").then().statusCode(503);
    }

    @Test
    void scopesAreEnforced() {
        Tenant owner = Platform.tenant("Scopes");
        as(owner).contentType(ContentType.JSON).body(Map.of("name", "scoped")).post("/v1/rooms").then().statusCode(201);
        String reader = Platform.key(owner.id(), Platform.platformAdmin(), List.of("rooms:read"));
        String minter = Platform.key(owner.id(), Platform.platformAdmin(), List.of("tokens:create"));
        given().header("Authorization", reader).get("/v1/rooms/scoped/participants").then().statusCode(200);
        given().header("Authorization", minter).get("/v1/rooms/scoped/participants").then().statusCode(403)
                .body("type", equalTo("urn:cpaas:problem:missing-scope"));
        given().header("Authorization", reader).delete("/v1/rooms/scoped/participants/alice").then().statusCode(403)
                .body("type", equalTo("urn:cpaas:problem:missing-scope"));
        given().header("Authorization", reader).contentType(ContentType.JSON).body(Map.of("trackSid", "TR_1", "muted", true))
                .post("/v1/rooms/scoped/participants/alice/mute").then().statusCode(403);
        given().header("Authorization", reader).contentType(ContentType.JSON).body(Map.of("name", "A"))
                .patch("/v1/rooms/scoped/participants/alice").then().statusCode(403);
        given().get("/v1/rooms/scoped/participants").then().statusCode(401).contentType("application/problem+json");
        given().delete("/v1/rooms/scoped/participants/alice").then().statusCode(401);
    }

    @Test
    void invalidBodiesAreRefusedWithAValidationProblem() {
        Tenant tenant = Platform.tenant("Invalid");
        as(tenant).contentType(ContentType.JSON).body(Map.of("name", "strict")).post("/v1/rooms").then().statusCode(201);
        List<Object> updates = List.of(Map.of(), Map.of("name", ""), Map.of("name", "n".repeat(129)),
                Map.of("metadata", "m".repeat(4097)), Map.of("permissions", Map.of()),
                Map.of("permissions", Map.of("sources", List.of("hologram"))), Map.of("permissions", Map.of("publish", "yes")),
                Map.of("permissions", Map.of("sources", List.of("camera", "camera", "camera", "camera", "camera"))),
                Map.of("hidden", true), Map.of("name", 5), "not json", "[]");
        for (Object body : updates) {
            as(tenant).contentType(ContentType.JSON).body(body).patch("/v1/rooms/strict/participants/alice").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        List<Object> mutes = List.of(Map.of(), Map.of("trackSid", "TR_1"), Map.of("muted", true),
                Map.of("trackSid", "TR_1", "muted", "true"), Map.of("trackSid", "", "muted", true),
                Map.of("trackSid", "../x", "muted", true), Map.of("trackSid", "TR_1", "muted", true, "extra", 1), "nope");
        for (Object body : mutes) {
            as(tenant).contentType(ContentType.JSON).body(body).post("/v1/rooms/strict/participants/alice/mute").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        as(tenant).queryParam("revokeToken", "yes").delete("/v1/rooms/strict/participants/alice").then().statusCode(400)
                .body("type", equalTo("urn:cpaas:problem:validation-failed"));
        as(tenant).contentType(ContentType.JSON).body(Map.of("permissions", Map.of("sources", List.of("hologram"))))
                .patch("/v1/rooms/strict/participants/alice").then().statusCode(400)
                .body("type", equalTo("urn:cpaas:problem:validation-failed")).body("errors.field", hasItem(startsWith("permissions.sources")));
    }

    @Test
    void anUnreachableWorkerIs503WithRetryAfterAndARevocationIsTakenBack() {
        Tenant tenant = Platform.tenant("Unreachable");
        Platform.worker("eu", 100, 0.1, Platform.unreachableControlUrl());
        String token = Platform.mint(tenant, "cut-off", "alice");
        given().header("Authorization", "Bearer " + token).post("/v1/rtc/join").then().statusCode(200);
        as(tenant).get("/v1/rooms/cut-off/participants").then().statusCode(503).header("Retry-After", "2")
                .contentType("application/problem+json").body("type", equalTo("urn:cpaas:problem:unavailable"));
        as(tenant).queryParam("revokeToken", true).delete("/v1/rooms/cut-off/participants/alice").then().statusCode(503)
                .header("Retry-After", "2");
        as(tenant).contentType(ContentType.JSON).body(Map.of("trackSid", "TR_1", "muted", true))
                .post("/v1/rooms/cut-off/participants/alice/mute").then().statusCode(503);
        as(tenant).contentType(ContentType.JSON).body(Map.of("name", "Alice")).patch("/v1/rooms/cut-off/participants/alice")
                .then().statusCode(503);
        // The removal failed, so nothing was revoked: the same token still joins.
        given().header("Authorization", "Bearer " + token).post("/v1/rtc/join").then().statusCode(200);
    }

    @Test
    void aWorkerWithoutAControlUrlIs503SayingSo() {
        Tenant tenant = Platform.tenant("OldWorker");
        Platform.worker("eu", 100, 0.1);
        Platform.join(tenant, "legacy", "alice");
        as(tenant).get("/v1/rooms/legacy/participants").then().statusCode(503).header("Retry-After", "2");
    }

    @Test
    void endingARoomWhoseWorkerCannotBeReachedStillEndsIt() {
        Tenant tenant = Platform.tenant("EndAnyway");
        String worker = Platform.worker("eu", 100, 0.1, Platform.unreachableControlUrl());
        String sid = Platform.join(tenant, "doomed", "alice");
        Platform.heartbeat(worker, List.of(sid));
        as(tenant).delete("/v1/rooms/doomed").then().statusCode(204);
        as(tenant).get("/v1/rooms/doomed").then().statusCode(404);
        // The fallback: the worker's next heartbeat is told to disconnect the participant.
        org.junit.jupiter.api.Assertions.assertEquals(List.of(sid), Platform.heartbeat(worker, List.of(sid)));
    }

    @Test
    void aWorkerRegistersItsControlUrlAndABadOneIsRefused() {
        String url = Platform.unreachableControlUrl();
        String worker = Platform.worker("eu", 100, 0.1, url);
        given().header("Authorization", Platform.platformAdmin()).get("/v1/admin/workers").then().statusCode(200)
                .body("items.find { it.id == '" + worker + "' }.controlUrl", equalTo(url));
        given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON)
                .body(Map.of("id", "w-bad-control", "region", "eu", "signalUrl", "ws://127.0.0.1:9/x", "udpAddress", "127.0.0.1:7882",
                        "capacity", Map.of("participants", 10, "tracks", 10), "controlUrl", "ftp://127.0.0.1:1"))
                .post("/internal/v1/workers").then().statusCode(400);
    }

    private static RequestSpecification as(Tenant tenant) {
        return given().header("Authorization", tenant.key());
    }
}
