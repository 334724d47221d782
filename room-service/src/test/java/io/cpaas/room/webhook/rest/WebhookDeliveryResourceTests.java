package io.cpaas.room.webhook.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.api.webhook.WebhookSignature;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WebhookReceiver;
import io.cpaas.room.support.WebhookReceiver.Received;
import io.cpaas.room.support.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks delivered to a real HTTP receiver, with the tenant's settings from the real tenant-service. */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class WebhookDeliveryResourceTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private String worker;

    @BeforeEach
    void oneWorker() {
        Platform.emptyPool();
        worker = Platform.worker("eu", 100, 0.1);
    }

    @Test
    void eventsAreDeliveredInOrderSignedWithTheTenantSecretAndCarryTheirId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Tenant tenant = Platform.tenant("Hooks");
            String secret = webhook(tenant, receiver.url());
            String alice = Platform.join(tenant, "standup", "alice");
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Platform.events(worker, List.of(WorkerEvents.joined(alice, t0),
                    WorkerEvents.published(alice, t0.plusMillis(50), "TR_cam", "video", "camera")));

            List<Received> got = receiver.await(r -> r.size() >= 3, WAIT);
            assertEquals(List.of("room.started", "participant.joined", "track.published"),
                    got.stream().map(WebhookReceiver::type).toList());
            for (Received request : got) {
                assertTrue(WebhookSignature.verify(secret, request.signature(), request.body(), Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE), "signature of " + request.text());
                assertEquals(JsonPath.from(request.text()).getString("id"), request.id());
                assertEquals(tenant.id(), JsonPath.from(request.text()).getString("tenantId"));
            }
            JsonPath joined = JsonPath.from(got.get(1).text());
            assertEquals("alice", joined.getString("participant.identity"));
            assertEquals("standup", joined.getString("room.name"));
            assertEquals("TR_cam", JsonPath.from(got.get(2).text()).getString("track.sid"));
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventAgainUntilItIsDelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(n -> n <= 3 ? 503 : 204)) {
            Tenant tenant = Platform.tenant("Retries");
            webhook(tenant, receiver.url());
            String id = given().header("Authorization", tenant.key()).post("/v1/webhooks/test")
                    .then().statusCode(202).extract().path("id");

            receiver.await(r -> r.stream().anyMatch(Received::delivered), WAIT);
            Thread.sleep(1_500); // nothing more may come once it was delivered
            List<Received> got = receiver.received();
            assertEquals(4, got.size());
            assertTrue(got.stream().allMatch(r -> id.equals(r.id())), "one event, sent four times");

            JsonPath delivery = awaitDeliveryState(tenant, id, "delivered");
            assertEquals(4, delivery.getInt("attempts"));
            assertEquals(List.of(503, 503, 503, 204), delivery.getList("attemptLog.status"));
            assertEquals(receiver.url(), delivery.getString("attemptLog[0].url"));
            assertEquals("webhook.test", delivery.getString("body.type"));
            assertEquals(id, delivery.getString("body.id"));
        }
    }

    @Test
    void aFailingDeliveryHoldsBackLaterEventsOfItsRoomButNotOfOtherRooms() throws Exception {
        java.util.concurrent.atomic.AtomicInteger roomOneStarts = new java.util.concurrent.atomic.AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver().answering((n, body) ->
                body.contains("\"room.started\"") && body.contains("\"name\":\"one\"") && roomOneStarts.incrementAndGet() <= 2 ? 500 : 200)) {
            Tenant tenant = Platform.tenant("Order");
            webhook(tenant, receiver.url());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String alice = Platform.join(tenant, "one", "alice");
            String bob = Platform.join(tenant, "two", "bob");
            Platform.events(worker, List.of(WorkerEvents.joined(alice, now), WorkerEvents.joined(bob, now)));

            List<Received> got = receiver.await(r -> r.stream().filter(Received::delivered).count() >= 4, WAIT);
            List<String> delivered = got.stream().filter(Received::delivered)
                    .map(r -> WebhookReceiver.type(r) + "@" + JsonPath.from(r.text()).getString("room.name")).toList();
            assertTrue(delivered.indexOf("room.started@one") < delivered.indexOf("participant.joined@one"),
                    "room one's events in order: " + delivered);
            assertTrue(delivered.indexOf("participant.joined@two") < delivered.indexOf("room.started@one"),
                    "room two went on while room one was failing: " + delivered);
            assertEquals(2, got.stream().filter(r -> r.status() == 500).count());
        }
    }

    @Test
    void aSlowTenantEndpointDoesNotDelayAnotherTenant() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver().slow(Duration.ofMillis(1_800));
             WebhookReceiver quick = new WebhookReceiver()) {
            Tenant sluggish = Platform.tenant("Sluggish");
            Tenant brisk = Platform.tenant("Brisk");
            webhook(sluggish, slow.url());
            webhook(brisk, quick.url());
            for (int i = 0; i < 20; i++) {
                given().header("Authorization", sluggish.key()).post("/v1/webhooks/test").then().statusCode(202);
            }
            Thread.sleep(700); // the slow tenant's deliveries are in flight now
            Instant asked = Instant.now();
            given().header("Authorization", brisk.key()).post("/v1/webhooks/test").then().statusCode(202);
            Received first = quick.await(r -> !r.isEmpty(), WAIT).get(0);

            Duration took = Duration.between(asked, first.at());
            assertTrue(took.compareTo(Duration.ofMillis(1_500)) < 0, "the other tenant's event took " + took);
            assertTrue(slow.received().size() < 20, "the slow tenant still has deliveries going");
        }
    }

    @Test
    void withoutAUrlEventsAreSkippedAndTheLogSaysWhy() throws Exception {
        Tenant tenant = Platform.tenant("NoUrl");
        String id = given().header("Authorization", tenant.key()).post("/v1/webhooks/test")
                .then().statusCode(202).extract().path("id");
        JsonPath delivery = awaitDeliveryState(tenant, id, "skipped");
        assertEquals(0, delivery.getInt("attempts"));
        assertEquals("no webhook URL was set", delivery.getString("lastError"));
    }

    @Test
    void theDeliveryLogIsTheTenantsOwnAndPagesNewestFirst() throws Exception {
        Tenant tenant = Platform.tenant("Log");
        Tenant other = Platform.tenant("Other");
        String first = given().header("Authorization", tenant.key()).post("/v1/webhooks/test").then().statusCode(202).extract().path("id");
        String second = given().header("Authorization", tenant.key()).post("/v1/webhooks/test").then().statusCode(202).extract().path("id");

        JsonPath page = given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries?limit=1")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(second), page.getList("items.id"));
        given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries?limit=1&cursor=" + page.getString("nextCursor"))
                .then().statusCode(200).body("items[0].id", equalTo(first));

        given().header("Authorization", other.key()).get("/v1/webhooks/deliveries/" + first).then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(List.of(), given().header("Authorization", other.key()).get("/v1/webhooks/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items"));
    }

    @Test
    void badParametersAndMissingScopesAreRefusedWithProblemDetails() {
        Tenant tenant = Platform.tenant("BadLog");
        for (String query : new String[] {"state=lost", "limit=0", "limit=1000", "cursor=%21%21"}) {
            given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries?" + query)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:cpaas:problem:validation-failed"));
        }
        Tenant reader = Platform.tenant("Reader", Map.of(), "rooms:read");
        given().header("Authorization", reader.key()).post("/v1/webhooks/test").then().statusCode(403)
                .body("type", equalTo("urn:cpaas:problem:missing-scope"));
        Tenant usageOnly = Platform.tenant("UsageOnly", Map.of(), "usage:read");
        given().header("Authorization", usageOnly.key()).get("/v1/webhooks/deliveries").then().statusCode(403);
        given().get("/v1/webhooks/deliveries").then().statusCode(401);
    }

    /** Sets the tenant's webhook URL on tenant-service; answers the signing secret. */
    private static String webhook(Tenant tenant, String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("rotateSecret", true);
        return Platform.tenantService().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(body)
                .put("/v1/tenants/" + tenant.id() + "/webhook").then().statusCode(200).extract().path("signingSecret");
    }

    private static JsonPath awaitDeliveryState(Tenant tenant, String id, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonPath delivery = null;
        while (Instant.now().isBefore(deadline)) {
            delivery = given().header("Authorization", tenant.key()).get("/v1/webhooks/deliveries/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (state.equals(delivery.getString("state"))) {
                return delivery;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery " + id + " did not become " + state + ": " + (delivery == null ? null : delivery.prettify()));
    }
}
