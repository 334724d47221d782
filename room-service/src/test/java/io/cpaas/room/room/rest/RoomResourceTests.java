package io.cpaas.room.room.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.api.tenant.TenantLimits;
import io.cpaas.room.room.service.RoomService;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class RoomResourceTests {

    @Inject
    RoomService roomService;
    @Inject
    DataSource dataSource;

    @Test
    void roomIsCreatedReadListedAndEnded() {
        Tenant tenant = Platform.tenant("Rooms");
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "standup", "mode", "conference", "maxParticipants", 8, "metadata", "{\"team\":\"a\"}"))
                .post("/v1/rooms").then().statusCode(201)
                .body("name", equalTo("standup")).body("status", equalTo("idle")).body("maxParticipants", equalTo(8));
        given().header("Authorization", tenant.key()).get("/v1/rooms/standup").then().statusCode(200)
                .body("mode", equalTo("conference")).body("metadata", equalTo("{\"team\":\"a\"}"));
        given().header("Authorization", tenant.key()).get("/v1/rooms").then().statusCode(200)
                .body("items.name", hasItem("standup"));
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", "standup"))
                .post("/v1/rooms").then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", tenant.key()).delete("/v1/rooms/standup").then().statusCode(204);
        given().header("Authorization", tenant.key()).get("/v1/rooms/standup").then().statusCode(404);
        given().header("Authorization", tenant.key()).queryParam("status", "ended").get("/v1/rooms").then().statusCode(200)
                .body("items.name", hasItem("standup"));
        // The name is free again once the room ended.
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", "standup"))
                .post("/v1/rooms").then().statusCode(201);
    }

    @Test
    void anotherTenantNeverSeesOrTouchesTheRoomEvenWithTheSameName() {
        Tenant a = Platform.tenant("IsoA");
        Tenant b = Platform.tenant("IsoB");
        given().header("Authorization", a.key()).contentType(ContentType.JSON).body(Map.of("name", "shared-name", "metadata", "secret-a"))
                .post("/v1/rooms").then().statusCode(201);
        given().header("Authorization", b.key()).get("/v1/rooms/shared-name").then().statusCode(404);
        given().header("Authorization", b.key()).delete("/v1/rooms/shared-name").then().statusCode(404);
        given().header("Authorization", b.key()).get("/v1/rooms").then().statusCode(200).body("items.name", not(hasItem("shared-name")));
        given().header("Authorization", b.key()).contentType(ContentType.JSON).body(Map.of("name", "shared-name"))
                .post("/v1/rooms").then().statusCode(201);
        given().header("Authorization", a.key()).get("/v1/rooms/shared-name").then().statusCode(200).body("metadata", equalTo("secret-a"));
    }

    @Test
    void scopesAreEnforced() {
        Tenant reader = Platform.tenant("Reader", Map.of(), "rooms:read");
        given().header("Authorization", reader.key()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/rooms").then().statusCode(403).body("type", equalTo("urn:cpaas:problem:missing-scope"));
        given().header("Authorization", reader.key()).get("/v1/rooms").then().statusCode(200);
        given().get("/v1/rooms").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                "ak_aaaaaaaaaaaaaaaaaaaa:sk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".getBytes()))
                .get("/v1/rooms").then().statusCode(401);
    }

    @Test
    void badInputIsRefusedAndCreatesNothing() {
        Tenant tenant = Platform.tenant("BadRooms");
        List<Object> bodies = List.of(Map.of("name", ""), Map.of("name", "has space"), Map.of("name", "a".repeat(129)),
                Map.of("name", "x", "mode", "party"), Map.of("name", "x", "maxParticipants", 0),
                Map.of("name", "x", "metadata", "m".repeat(4097)), Map.of("name", "x", "unknown", 1),
                Map.of("name", 5), "not json", "[]", Map.of("name", "../../etc"), Map.of("name", "x'; drop table rooms;--"));
        for (Object body : bodies) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(body)
                    .post("/v1/rooms").then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(0, given().header("Authorization", tenant.key()).get("/v1/rooms").then().extract().jsonPath()
                .getList("items").size());
        given().header("Authorization", tenant.key()).queryParam("status", "weird").get("/v1/rooms").then().statusCode(400);
    }

    @Test
    void roomLimitOfTheTenantHolds() {
        Tenant tenant = Platform.tenant("Few", Map.of("limits", Map.of("maxRooms", 2)));
        for (String name : List.of("r1", "r2")) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/v1/rooms").then().statusCode(201);
        }
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", "r3"))
                .post("/v1/rooms").then().statusCode(403).body("type", equalTo("urn:cpaas:problem:limit-reached"));
    }

    /**
     * A create racing another one of the same tenant past its limit: the other (here the test's own
     * transaction, through the service) has inserted its room and not committed yet. The API's create
     * must wait for it and then count it, not see a free slot.
     */
    @Test
    void twoCreatesRacingForTheLastRoomSlotMakeOneRoom() throws Exception {
        Tenant tenant = Platform.tenant("Racing", Map.of("limits", Map.of("maxRooms", 1)));
        CompletableFuture<Integer> racing;
        QuarkusTransaction.begin();
        try {
            roomService.create(tenant.id(), new TenantLimits(100, 1, 100), new RoomCreateRequest("first", null, null, null, null, null));
            racing = CompletableFuture.supplyAsync(() -> given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                    .body(Map.of("name", "second")).post("/v1/rooms").statusCode());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!racing.isDone() && !aCreateWaitsForTheTenantsLock() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            QuarkusTransaction.commit();
        }
        assertEquals(403, racing.get(30, TimeUnit.SECONDS), "the second create counted the first");
        given().header("Authorization", tenant.key()).get("/v1/rooms").then().statusCode(200).body("items.name", equalTo(List.of("first")));
    }

    private boolean aCreateWaitsForTheTenantsLock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet waiting = connection.createStatement()
                     .executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
            waiting.next();
            return waiting.getInt(1) > 0;
        }
    }

    @Test
    void listPagesThroughEveryRoomOnce() {
        Tenant tenant = Platform.tenant("Pages");
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", "p" + i))
                    .post("/v1/rooms").then().statusCode(201);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", tenant.key()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/rooms").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(Set.of("p0", "p1", "p2", "p3", "p4"), seen);
        assertEquals(3, pages);
    }
}
