package io.cpaas.room.usage.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    void aDayIsTheSumOfItsHoursWithTheHighestPeak() {
        Tenant tenant = Platform.tenant("Days");
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Sessions that began hours ago (as a worker reporting late would say them), over several hours; a
        // departure is never put before the participant was placed, so both end about now.
        String alice = Platform.join(tenant, "long", "alice");
        String bob = Platform.join(tenant, "long", "bob");
        Platform.events(worker, List.of(WorkerEvents.joined(alice, now.minusSeconds(3 * 3600 + 17)),
                WorkerEvents.joined(bob, now.minusSeconds(2 * 3600 + 5)),
                WorkerEvents.left(alice, now, 10_000, 20_000),
                WorkerEvents.left(bob, now, 30_000, 40_000)));
        String from = now.minusSeconds(5 * 3600).truncatedTo(ChronoUnit.HOURS).toString();
        JsonPath hours = usage(tenant, "hour", from);
        JsonPath days = usage(tenant, "day", from);

        BigDecimal total = sum(hours, "participantSeconds"); // alice 3 h 17 s, bob 2 h 5 s, to their placement
        assertTrue(total.compareTo(new BigDecimal(3 * 3600 + 17 + 2 * 3600 + 5)) >= 0
                && total.compareTo(new BigDecimal(3 * 3600 + 17 + 2 * 3600 + 5 + 10)) <= 0, "hours: " + hours.prettify());
        assertTrue(hours.getList("buckets").size() >= 4, "the sessions span several hours");
        assertEquals(0, sum(hours, "participantSeconds").compareTo(sum(days, "participantSeconds")));
        assertEquals(max(hours, "peakConcurrentParticipants"), max(days, "peakConcurrentParticipants"));
        assertEquals(2, max(days, "peakConcurrentParticipants"));
        assertEquals(40_000L, days.getLong("totals.bytesIn"));
        assertEquals(60_000L, days.getLong("totals.bytesOut"));
    }

    private static JsonPath usage(Tenant tenant, String granularity, String from) {
        return given().header("Authorization", tenant.key()).get("/v1/usage?granularity=" + granularity + "&from=" + from)
                .then().statusCode(200).extract().jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static BigDecimal sum(JsonPath report, String field) {
        return report.<Object>getList("buckets." + field).stream().map(v -> new BigDecimal(v.toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static int max(JsonPath report, String field) {
        return report.<Object>getList("buckets." + field).stream().mapToInt(v -> new BigDecimal(v.toString()).intValue())
                .max().orElse(0);
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
