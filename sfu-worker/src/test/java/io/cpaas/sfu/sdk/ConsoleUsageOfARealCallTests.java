package io.cpaas.sfu.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.ConsoleBrowser;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Keycloak;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole path a tenant sees: a call made through the browser SDK on this worker, its sessions and
 * usage recorded by room-service from the worker's events, and the tenant console's usage page (the
 * real tenant-service, signed in through Keycloak's login page, in Chromium) charting exactly those
 * numbers. Screenshot: target/screenshots/console/usage-real-call.png.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class ConsoleUsageOfARealCallTests {

    private static final String ROOM = "console-real-call";

    @Test
    void theConsoleChartsTheMinutesAndBytesOfACallMadeThroughTheSdk() throws Exception {
        Tenants tenant = Tenants.create("Console real call");
        String adminUser = "call-" + tenant.id().replace('_', '-');
        String password = UUID.randomUUID().toString();
        Keycloak.createTenantUser(adminUser, password, tenant.id(), "tenant-admin");

        SdkCallTests.run(tenant, "meeting", ROOM, 2, Map.of("holdMs", 10_000));
        JsonPath participants = tenant.participantsOnceEveryoneLeft(ROOM);
        BigDecimal callSeconds = BigDecimal.ZERO;
        long callBytesIn = 0;
        for (int i = 0; i < 2; i++) {
            callSeconds = callSeconds.add(new BigDecimal(participants.getString("items[" + i + "].durationSeconds")));
            callBytesIn += participants.getLong("items[" + i + "].bytesIn");
        }
        assertTrue(callBytesIn > 200_000, "ten seconds of a call carried media both ways: " + participants.prettify());
        // Ended now rather than by the empty-room reaper minutes later: its room-minutes stop growing.
        tenant.api().delete("/v1/rooms/" + ROOM).then().statusCode(204);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.minusDays(6);
        JsonPath usage = tenant.api().get("/v1/usage?granularity=day&from=" + from + "&to=" + today.plusDays(1))
                .then().statusCode(200).extract().jsonPath(Tenants.EXACT);
        assertEquals(0, callSeconds.compareTo(new BigDecimal(usage.getString("totals.participantSeconds"))),
                "the new tenant's usage is this call: " + usage.getString("totals"));

        JsonNode seen = ConsoleBrowser.run("usage", Map.of("tenantId", tenant.id(), "from", from.toString(), "to", today.toString(),
                "granularity", "day", "screenshotName", "usage-real-call", "admin", Map.of("user", adminUser, "password", password)))
                .path("usage");

        assertEquals(0, new BigDecimal(seen.path("participantMinutes").asText())
                .compareTo(new BigDecimal(usage.getString("totals.participantMinutes"))), "participant-minutes: " + seen);
        assertEquals(0, new BigDecimal(seen.path("roomMinutes").asText())
                .compareTo(new BigDecimal(usage.getString("totals.roomMinutes"))), "room-minutes: " + seen);
        assertEquals(callBytesIn, seen.path("bytesIn").asLong(), "bytes in: the call's, as the API counts them");
        assertEquals(usage.getLong("totals.bytesOut"), seen.path("bytesOut").asLong());
        assertEquals("2", seen.path("peak").asText(), "both were in the call at once");
        assertEquals(usage.getLong("totals.turnCredentialsIssued"), seen.path("turn").asLong());
        assertTrue(seen.path("canvasesDrawn").asBoolean(), "every chart was drawn");

        JsonNode charts = seen.path("charts");
        assertEquals(decimals(usage.getList("buckets.participantMinutes")), decimals(charts.path("chart-minutes").get(0).path("data")));
        assertEquals(decimals(usage.getList("buckets.roomMinutes")), decimals(charts.path("chart-minutes").get(1).path("data")));
        assertEquals(decimals(usage.getList("buckets.peakConcurrentParticipants")), decimals(charts.path("chart-peak").get(0).path("data")));
        assertEquals(decimals(usage.getList("buckets.turnCredentialsIssued")), decimals(charts.path("chart-turn").get(0).path("data")));
        List<BigDecimal> minutesByDay = decimals(charts.path("chart-minutes").get(0).path("data"));
        assertEquals(7, minutesByDay.size(), "a bar per day of the range");
        assertTrue(minutesByDay.get(6).signum() > 0, "today's bar holds the call: " + minutesByDay);
    }

    private static List<BigDecimal> decimals(Iterable<?> values) {
        List<BigDecimal> numbers = new ArrayList<>();
        for (Object value : values) {
            String text = value instanceof JsonNode node ? node.asText() : String.valueOf(value);
            numbers.add(new BigDecimal(text).stripTrailingZeros());
        }
        return numbers;
    }
}
