package io.cpaas.tenant.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Garbage, oversized and mistyped bodies on every endpoint that takes one: a clear 4xx, nothing changed. */
@QuarkusTest
class HostileInputTests {

    private TenantFixture tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Fixtures.tenant("Hostile");
        }
    }

    private List<String[]> endpoints() {
        String base = "/v1/tenants/" + tenant.id();
        return List.of(
                new String[] {"POST", "/v1/tenants", Fixtures.platformAdmin()},
                new String[] {"PATCH", base, Fixtures.platformAdmin()},
                new String[] {"POST", base + "/api-keys", tenant.adminToken()},
                new String[] {"PUT", base + "/webhook", tenant.adminToken()});
    }

    @Test
    void garbageBodiesGetProblemJson() {
        List<String> bodies = List.of("", "{", "not json", "[]", "null", "42", "{\"name\": {\"$ne\": 1}}",
                "{\"name\": 12}", "{\"name\": [\"a\"]}", "{\"limits\": \"big\"}", "{\"scopes\": {}}", "{\"url\": 5}",
                "{\"rotateSecret\": \"yes please\"}", "{\"unknownField\": true}", "\u0000\u0001\u0002");
        int before = tenantCount();
        for (String[] endpoint : endpoints()) {
            for (String body : bodies) {
                var response = given().header("Authorization", endpoint[2]).contentType(ContentType.JSON).body(body)
                        .when().request(endpoint[0], endpoint[1]);
                String where = endpoint[0] + " " + endpoint[1] + " with " + body + " -> " + response.asString();
                assertEquals(400, response.statusCode(), where);
                assertEquals("application/problem+json", response.contentType(), where);
                assertTrue(response.jsonPath().getString("type").startsWith("urn:cpaas:problem:"), where);
            }
        }
        assertEquals(before, tenantCount());
        given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id())
                .then().statusCode(200).body("name", org.hamcrest.Matchers.startsWith("Hostile"));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        String big = "{\"name\": \"" + "a".repeat(70 * 1024) + "\"}";
        for (String[] endpoint : endpoints()) {
            given().header("Authorization", endpoint[2]).contentType(ContentType.JSON).body(big)
                    .when().request(endpoint[0], endpoint[1])
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("type", equalTo("urn:cpaas:problem:body-too-large"));
        }
    }

    @Test
    void wrongContentTypeIsRefused() {
        given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.TEXT).body("name=x")
                .when().post("/v1/tenants").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownPathsAndMethodsAnswerProblems() {
        given().header("Authorization", Fixtures.platformAdmin()).when().get("/v1/nothing-here")
                .then().statusCode(404);
        given().header("Authorization", Fixtures.platformAdmin()).when().put("/v1/tenants")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void hostilePathValuesAreJustNotFound() {
        for (String id : List.of("' or 1=1 --", "../../etc/passwd", "%00", "tn_" + "x".repeat(500))) {
            given().header("Authorization", Fixtures.platformAdmin()).urlEncodingEnabled(true)
                    .when().get("/v1/tenants/{id}", id).then().statusCode(404);
        }
    }

    private static int tenantCount() {
        int count = 0;
        String cursor = null;
        do {
            var request = given().header("Authorization", Fixtures.platformAdmin()).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/tenants").then().statusCode(200).extract().jsonPath();
            count += page.getList("items").size();
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return count;
    }
}
