package io.cpaas.room.usage.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class UsageResourceTests {

    @Test
    void theRangeIsWidenedToWholeBucketsAndEveryBucketIsListed() {
        Tenant tenant = Platform.tenant("Buckets");
        given().header("Authorization", tenant.key())
                .get("/v1/usage?granularity=hour&from=2026-01-01T10:30:00Z&to=2026-01-01T13:00:00Z")
                .then().statusCode(200)
                .body("from", equalTo("2026-01-01T10:00:00Z"))
                .body("to", equalTo("2026-01-01T13:00:00Z"))
                .body("granularity", equalTo("hour"))
                .body("buckets", hasSize(3))
                .body("buckets[2].start", equalTo("2026-01-01T12:00:00Z"))
                .body("buckets[2].end", equalTo("2026-01-01T13:00:00Z"))
                .body("totals.participantSeconds", equalTo(0.0f))
                .body("totals.peakConcurrentParticipants", equalTo(0));
        given().header("Authorization", tenant.key()).get("/v1/usage?from=2026-01-01&to=2026-02-01")
                .then().statusCode(200).body("granularity", equalTo("day")).body("buckets", hasSize(31));
    }

    @Test
    void turnCredentialsIssuedAreCounted() {
        Tenant tenant = Platform.tenant("TurnUsage");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", "u" + i))
                    .post("/v1/turn/credentials").then().statusCode(201);
        }
        given().header("Authorization", tenant.key()).get("/v1/usage?granularity=hour")
                .then().statusCode(200).body("totals.turnCredentialsIssued", equalTo(3));
    }

    @Test
    void badParametersAreRefusedWithProblemDetails() {
        Tenant tenant = Platform.tenant("BadUsage");
        for (String query : new String[] {"granularity=week", "from=yesterday", "to=2026-13-01",
                "from=2026-02-01&to=2026-01-01", "from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "granularity=hour&from=2025-01-01&to=2026-01-01", "granularity=day&from=2020-01-01&to=2026-01-01"}) {
            given().header("Authorization", tenant.key()).get("/v1/usage?" + query)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:cpaas:problem:validation-failed"));
        }
    }

    @Test
    void usageNeedsAKeyWithTheUsageScope() {
        Tenant tenant = Platform.tenant("NoUsageScope", Map.of(), "rooms:read");
        given().header("Authorization", tenant.key()).get("/v1/usage").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/v1/usage").then().statusCode(401);
    }
}
