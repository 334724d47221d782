package io.cpaas.tenant.ratelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitedRequestsTests {

    @Test
    void aKeyOverItsTenantsLimitGets429WithRetryAfter() {
        TenantFixture tenant = Fixtures.tenant("Limited", Map.of("requestsPerSecondPerKey", 3));
        Response limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            Response response = given().header("Authorization", tenant.key().basic()).when().get("/v1/tenants/" + tenant.id());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertTrue(limited != null, "20 quick requests at 3/s must be limited");
        limited.then().contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:cpaas:problem:rate-limited"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        // Console users are not API keys and are not limited by the per-key bucket.
        given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id()).then().statusCode(200);
    }
}
