package io.cpaas.room.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.room.support.ConsoleBrowser;
import io.cpaas.room.support.HeartbeatKeeper;
import io.cpaas.room.support.Keycloak;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tenant console (served by the real tenant-service, reading this room-service) in real
 * Chromium, over usage produced through the workers' event path: the charts and totals are the
 * public API's numbers, live rooms show hostile names and metadata as text, another tenant's pages
 * do not exist, and the platform admin drains a worker. Screenshots: target/screenshots/console.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class ConsoleDashboardsTests {

    private static final String HOSTILE_METADATA = "<img src=x onerror=\"window.__xss='room'\"><script>window.__xss='room-script'</script>";
    private static final String HOSTILE_NAME = "<img src=x onerror=\"window.__xss='name'\">\"Mal'lory & co";

    @Test
    void theConsoleShowsTheTenantsRealUsageRoomsAndWebhooksAndNothingOfAnotherTenant() {
        Tenant tenant = Platform.tenant("Console dashboards");
        Tenant other = Platform.tenant("Console other");
        String password = UUID.randomUUID().toString();
        String adminUser = "dash-" + tenant.id().replace('_', '-');
        Keycloak.createTenantUser(adminUser, password, tenant.id(), "tenant-admin");
        // The simulated worker registers last and beats until the joins (a loaded machine can exceed the silence limit).
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.2);
        HeartbeatKeeper early = HeartbeatKeeper.start(worker, List.of());

        // A room with hostile metadata, a participant with a hostile name still in it, one who came and went.
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "launch", "metadata", HOSTILE_METADATA)).post("/v1/rooms").then().statusCode(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String bob = Platform.join(tenant, "launch", "bob");
        String mallory = join(tenant, "launch", Map.of("identity", "mallory", "name", HOSTILE_NAME));
        early.close();
        Platform.events(worker, List.of(WorkerEvents.joined(bob, now.minus(26, ChronoUnit.HOURS)),
                WorkerEvents.left(bob, now.minusSeconds(60), 3_000_000, 9_000_000),
                WorkerEvents.joined(mallory, now.minusSeconds(600)),
                WorkerEvents.traffic(mallory, now, 250_000, 750_000)));
        Platform.heartbeat(worker, List.of(mallory));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", "u" + i))
                    .post("/v1/turn/credentials").then().statusCode(201);
        }
        // The other tenant's room and usage must never show.
        Platform.heartbeat(worker, List.of(mallory));
        String otherSid = Platform.join(other, "b-secret-room", "eve");
        Platform.events(worker, List.of(WorkerEvents.joined(otherSid, now.minusSeconds(300)),
                WorkerEvents.traffic(otherSid, now, 77_777_777, 88_888_888)));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String query = "?granularity=day&from=" + today.minusDays(29) + "&to=" + today.plusDays(1);
        JsonPath before = usage(tenant, query);
        JsonNode seen;
        try (HeartbeatKeeper alive = HeartbeatKeeper.start(worker, List.of(mallory, otherSid))) {
            seen = ConsoleBrowser.run("dashboards", Map.of(
                "baseUrl", TenantServiceProcess.url(), "tenantId", tenant.id(), "otherTenantId", other.id(),
                "from", today.minusDays(29).toString(), "to", today.toString(), "room", "launch", "otherRoom", "b-secret-room",
                "workerId", worker,
                "admin", Map.of("user", adminUser, "password", password),
                "platformAdmin", Map.of("user", Keycloak.PLATFORM_ADMIN_USER, "password", Keycloak.PLATFORM_ADMIN_PASSWORD)));
        }
        JsonPath after = usage(tenant, query);

        // Usage: the public API's numbers (minutes grow while mallory stays, so between two reads).
        JsonNode usage = seen.path("usage");
        BigDecimal minutes = new BigDecimal(usage.path("participantMinutes").asText());
        assertTrue(minutes.compareTo(before.getObject("totals.participantMinutes", BigDecimal.class)) >= 0
                && minutes.compareTo(after.getObject("totals.participantMinutes", BigDecimal.class)) <= 0,
                minutes + " is between " + before.get("totals.participantMinutes") + " and " + after.get("totals.participantMinutes"));
        assertTrue(minutes.compareTo(new BigDecimal("1500")) > 0, "bob's 26 hours and mallory's 10 minutes: " + minutes);
        assertEquals(before.getLong("totals.bytesIn"), usage.path("bytesIn").asLong());
        assertEquals(before.getLong("totals.bytesOut"), usage.path("bytesOut").asLong());
        assertEquals(3_250_000L, usage.path("bytesIn").asLong(), "bob's and mallory's bytes, not eve's");
        assertEquals(String.valueOf(before.getInt("totals.peakConcurrentParticipants")), usage.path("peak").asText());
        assertEquals(before.getLong("totals.turnCredentialsIssued"), usage.path("turn").asLong());
        assertTrue(usage.path("turn").asLong() >= 2, "the two TURN credentials fetched (joins fetch more)");
        assertTrue(usage.path("canvasesDrawn").asBoolean(), "every chart was drawn");
        assertEquals(before.getList("buckets.turnCredentialsIssued").toString(),
                usage.path("charts").path("chart-turn").get(0).path("data").toString().replace(",", ", "));
        assertEquals(before.getList("buckets.peakConcurrentParticipants").toString(),
                usage.path("charts").path("chart-peak").get(0).path("data").toString().replace(",", ", "));
        BigDecimal chartMinutes = BigDecimal.ZERO;
        for (JsonNode value : usage.path("charts").path("chart-minutes").get(0).path("data")) {
            chartMinutes = chartMinutes.add(value.decimalValue());
        }
        assertTrue(chartMinutes.subtract(minutes).abs().compareTo(new BigDecimal("1")) < 0, chartMinutes + " vs " + minutes);
        List<String> csv = List.of(usage.path("csv").asText().split("\r\n"));
        assertEquals(31, csv.size(), "a header and 30 days");
        long csvBytesIn = csv.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[5])).sum();
        assertEquals(before.getLong("totals.bytesIn"), csvBytesIn);

        // Live rooms: the tenant's own, with the participant still there and the worker hosting it.
        assertEquals(1, seen.path("rooms").size(), seen.path("rooms").toString());
        JsonNode room = seen.path("rooms").get(0);
        assertEquals("launch", room.path("name").asText());
        assertEquals("1 / 100", room.path("cells").get(1).asText());
        assertEquals(worker, room.path("cells").get(3).asText());
        assertEquals(HOSTILE_METADATA, room.path("cells").get(6).asText(), "metadata shown as text");
        assertEquals(HOSTILE_METADATA, seen.path("room").path("metadata").asText());
        assertTrue(seen.path("room").path("participantNames").toString().contains("Mal'lory & co"), seen.path("room").toString());
        List<String> names = new ArrayList<>();
        seen.path("room").path("participantNames").forEach(n -> names.add(n.asText()));
        assertTrue(names.contains(HOSTILE_NAME), names.toString());
        assertEquals(0, seen.path("stray").size(), "no injected script in any page: " + seen.path("stray"));
        assertNull(seen.path("xss").textValue(), "no injected handler ran");

        // Webhooks: the test event was queued through room-service and is in the log.
        assertTrue(seen.path("webhookNotice").asText().contains("webhook.test"));
        assertTrue(seen.path("deliveries").toString().contains("webhook.test"), seen.path("deliveries").toString());
        assertTrue(seen.path("delivery").path("heading").asText().startsWith("webhook.test"), seen.path("delivery").toString());

        // Another tenant: not found, nothing of it leaks.
        seen.path("other").fields().forEachRemaining(page -> {
            assertEquals(404, page.getValue().path("status").asInt(), page.getKey());
            assertFalse(page.getValue().path("leaks").asBoolean(), page.getKey());
        });

        // The platform admin drained the worker from the pool page.
        assertEquals("/console/admin/tenants", seen.path("platformHome").asText());
        assertEquals("active", seen.path("workerBefore").asText());
        assertEquals("draining", seen.path("workerAfter").asText());
        given().header("Authorization", Platform.platformAdmin()).get("/v1/admin/workers").then().statusCode(200)
                .body("items.find { it.id == '" + worker + "' }.state", org.hamcrest.Matchers.equalTo("draining"));
    }

    private static String join(Tenant tenant, String room, Map<String, Object> token) {
        return given().header("Authorization", "Bearer " + Platform.mint(tenant, room, token)).post("/v1/rtc/join")
                .then().statusCode(200).extract().path("participant.sid");
    }

    private static JsonPath usage(Tenant tenant, String query) {
        return given().header("Authorization", tenant.key()).get("/v1/usage" + query).then().statusCode(200).extract()
                .jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }
}
