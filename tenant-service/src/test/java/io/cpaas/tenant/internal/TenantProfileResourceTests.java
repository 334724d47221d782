package io.cpaas.tenant.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantProfileResourceTests {

    private static final String SECRET = "test-cluster-secret-not-for-production";

    @Test
    void answersStatusLimitsAndRoomSettings() {
        TenantFixture tenant = Fixtures.tenant("Profile");
        given().header("X-Cluster-Secret", SECRET).when().get("/internal/v1/tenants/" + tenant.id())
                .then().statusCode(200)
                .body("active", equalTo(true))
                .body("autoCreateRooms", equalTo(true))
                .body("limits.maxConcurrentParticipants", equalTo(100));
        given().header("Authorization", Fixtures.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("autoCreateRooms", false, "status", "disabled"))
                .when().patch("/v1/tenants/" + tenant.id()).then().statusCode(200).body("autoCreateRooms", equalTo(false));
        given().header("X-Cluster-Secret", SECRET).when().get("/internal/v1/tenants/" + tenant.id())
                .then().statusCode(200).body("active", equalTo(false)).body("autoCreateRooms", equalTo(false));
    }

    @Test
    void needsTheClusterSecretAndAnswers404ForUnknownTenants() {
        TenantFixture tenant = Fixtures.tenant("ProfileSecret");
        given().when().get("/internal/v1/tenants/" + tenant.id()).then().statusCode(401);
        given().header("Authorization", tenant.adminToken()).when().get("/internal/v1/tenants/" + tenant.id())
                .then().statusCode(401);
        given().header("X-Cluster-Secret", SECRET).when().get("/internal/v1/tenants/tn_nope").then().statusCode(404);
    }
}
