package io.cpaas.tenant.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantResourceTests {

    @Test
    void platformAdminCreatesATenantWithDefaultLimits() {
        String name = Fixtures.uniqueName("Acme");
        given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/v1/tenants")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/tenants/tn_"))
                .body("name", equalTo(name))
                .body("status", equalTo("active"))
                .body("limits.maxConcurrentParticipants", equalTo(100))
                .body("limits.maxRooms", equalTo(50))
                .body("limits.requestsPerSecondPerKey", equalTo(50))
                .body("webhookUrl", nullValue())
                .body("createdAt", notNullValue());
    }

    @Test
    void tenantNamesAreUniqueIgnoringCase() {
        String name = Fixtures.uniqueName("Unique");
        create(Map.of("name", name)).then().statusCode(201);
        create(Map.of("name", name.toUpperCase()))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:cpaas:problem:conflict"));
    }

    @Test
    void listIsPaginatedWithAnOpaqueCursor() {
        for (int i = 0; i < 3; i++) {
            create(Map.of("name", Fixtures.uniqueName("Paged"))).then().statusCode(201);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", Fixtures.platformAdmin()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/tenants").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertTrue(ids.size() <= 2);
            for (String id : ids) {
                assertTrue(seen.add(id), "no tenant appears twice: " + id);
            }
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 1000);
        assertTrue(seen.size() >= 3);
        assertTrue(pages >= 2);
    }

    @Test
    void badCursorAndLimitAreRefused() {
        given().header("Authorization", Fixtures.platformAdmin()).queryParam("cursor", "%%%not-a-cursor")
                .when().get("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", Fixtures.platformAdmin()).queryParam("limit", 0)
                .when().get("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void membersReadTheirTenantButCannotChangeIt() {
        TenantFixture tenant = Fixtures.tenant("Members");
        for (String auth : List.of(tenant.adminToken(), tenant.viewerToken(), tenant.key().basic())) {
            given().header("Authorization", auth).when().get("/v1/tenants/" + tenant.id())
                    .then().statusCode(200).body("id", equalTo(tenant.id()));
            given().header("Authorization", auth).contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                    .when().patch("/v1/tenants/" + tenant.id()).then().statusCode(403);
            given().header("Authorization", auth).when().get("/v1/tenants").then().statusCode(403);
            given().header("Authorization", auth).contentType(ContentType.JSON).body(Map.of("name", Fixtures.uniqueName("x")))
                    .when().post("/v1/tenants").then().statusCode(403);
        }
    }

    @Test
    void platformAdminUpdatesNameAndLimitsPartially() {
        TenantFixture tenant = Fixtures.tenant("Patch");
        String newName = Fixtures.uniqueName("Patched");
        given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", newName, "limits", Map.of("maxRooms", 7)))
                .when().patch("/v1/tenants/" + tenant.id())
                .then().statusCode(200)
                .body("name", equalTo(newName))
                .body("limits.maxRooms", equalTo(7))
                .body("limits.maxConcurrentParticipants", equalTo(100));
    }

    @Test
    void disablingATenantStopsItsKeysAndEnablingRestoresThem() {
        TenantFixture tenant = Fixtures.tenant("Disable");
        given().header("Authorization", tenant.key().basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);
        given().header("Authorization", Fixtures.platformAdmin()).when().delete("/v1/tenants/" + tenant.id())
                .then().statusCode(204);
        given().header("Authorization", Fixtures.platformAdmin()).when().get("/v1/tenants/" + tenant.id())
                .then().statusCode(200).body("status", equalTo("disabled"));
        given().header("Authorization", tenant.key().basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(401);
        given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON).body(Map.of("status", "active"))
                .when().patch("/v1/tenants/" + tenant.id()).then().statusCode(200);
        given().header("Authorization", tenant.key().basic()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);
    }

    @Test
    void invalidTenantsAreRefusedWithEveryBadField() {
        var errors = create(Map.of("name", "", "limits", Map.of("maxRooms", 0, "requestsPerSecondPerKey", -1)))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:cpaas:problem:validation-failed"))
                .extract().jsonPath().getList("errors.field");
        assertEquals(Set.of("name", "limits.maxRooms", "limits.requestsPerSecondPerKey"), new HashSet<>(errors));
        create(Map.of("name", "'; drop table tenants; --")).then().statusCode(400);
        create(Map.of("name", "<script>alert(1)</script>")).then().statusCode(400);
        create(Map.of("name", "a".repeat(101))).then().statusCode(400);
        given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON).body(Map.of("status", "deleted"))
                .when().patch("/v1/tenants/" + Fixtures.tenant("Status").id()).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void unknownTenantIsNotFound() {
        given().header("Authorization", Fixtures.platformAdmin()).when().get("/v1/tenants/tn_doesnotexist")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:cpaas:problem:not-found"));
    }

    private static io.restassured.response.Response create(Map<String, Object> body) {
        return given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants");
    }
}
