package io.cpaas.room.security;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.RoomTokenClaims;
import io.cpaas.api.token.RoomTokenSigner;
import io.cpaas.api.token.SigningKey;
import io.cpaas.room.support.HeartbeatKeeper;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.support.WorkerEvents;
import io.cpaas.room.token.service.SigningKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What an attacker can try against room-service's public API that the resource tests do not already
 * cover: forged room tokens at the join endpoint (HS256 keyed with the published public key, an unknown
 * kid, not yet valid), room tokens and join tickets presented as API credentials (to room-service and
 * tenant-service), another tenant's session history, rate limits, oversized and pathological bodies.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class HostileCallerTests {

    private static final String MADE_WITH_A_TOKEN = "Made with a token " + java.util.UUID.randomUUID().toString().substring(0, 8);

    @Inject
    SigningKeyStore keys;

    @Test
    void forgedRoomTokensAreRefusedAtTheJoinEndpoint() throws Exception {
        Platform.emptyPool();
        Platform.worker("eu", 100, 0.0);
        Tenant tenant = Platform.tenant("Forger");
        String genuine = Platform.mint(tenant, "r", "alice");
        String payload = genuine.split("\\.")[1];
        String kid = keys.signer().kid();
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        byte[] spki = keys.publicKeys().resolve(kid).orElseThrow().getEncoded();
        String hsHeader = b64("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}");
        List<String> forged = List.of(
                hs256(hsHeader + "." + payload, spki), // HS/ES confusion with the public key's DER bytes
                hs256(hsHeader + "." + payload, jwks.getBytes(UTF_8)), // ... or with the JWKS document as the secret
                b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + payload + ".",
                new RoomTokenSigner(SigningKey.generate()).sign(claims(tenant, Instant.now(), Instant.now().plusSeconds(600))));
        for (String token : forged) {
            join(token).then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:cpaas:problem:invalid-token"));
        }
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        join(keys.signer().sign(claims(tenant, later, later.plusSeconds(600)))).then().statusCode(401)
                .body("detail", org.hamcrest.Matchers.containsString("not valid yet"));
        join(genuine).then().statusCode(200); // the same payload, properly signed, is fine
    }

    @Test
    void anotherTenantsSessionHistoryIs404EvenUnderARoomOfTheSameName() throws Exception {
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Tenant a = Platform.tenant("HistA");
        Tenant b = Platform.tenant("HistB");
        String bob = Platform.join(b, "standup", "bob");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Platform.events(worker, List.of(WorkerEvents.joined(bob, t0)));
        Thread.sleep(200); // events lie in the past, as a worker's do
        Platform.events(worker, List.of(WorkerEvents.left(bob, t0.plusMillis(100), 1_000, 2_000)));
        String session = given().header("Authorization", b.key()).get("/v1/rooms/standup/sessions").then().statusCode(200)
                .extract().path("items[0].sid");
        String bSession = "/v1/rooms/standup/sessions/" + session;

        given().header("Authorization", a.key()).get("/v1/rooms/standup/sessions").then().statusCode(404);
        given().header("Authorization", a.key()).get(bSession).then().statusCode(404);
        given().header("Authorization", a.key()).get(bSession + "/participants").then().statusCode(404);
        given().header("Authorization", a.key()).contentType(ContentType.JSON).body(Map.of("name", "standup"))
                .post("/v1/rooms").then().statusCode(201);
        given().header("Authorization", a.key()).get("/v1/rooms/standup/sessions").then().statusCode(200)
                .body("items.sid", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(session)));
        given().header("Authorization", a.key()).get(bSession).then().statusCode(404);
        given().header("Authorization", a.key()).get(bSession + "/participants").then().statusCode(404);

        given().header("Authorization", b.key()).get(bSession + "/participants").then().statusCode(200)
                .body("items.identity", equalTo(List.of("bob")));
    }

    @Test
    void aKeyOverItsTenantsLimitGets429WithRetryAfter() {
        Tenant tenant = Platform.tenant("Limited", Map.of("limits", Map.of("requestsPerSecondPerKey", 3)));
        Response limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            Response response = given().header("Authorization", tenant.key()).get("/v1/rooms");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(limited != null, "30 quick requests at 3/s must be limited");
        limited.then().contentType("application/problem+json").body("type", equalTo("urn:cpaas:problem:rate-limited"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1, "Retry-After in whole seconds");
    }

    @Test
    void oversizedAndPathologicalBodiesAreRefusedAndCreateNothing() {
        Tenant tenant = Platform.tenant("Bodies");
        String big = "{\"name\":\"big\",\"metadata\":\"" + "m".repeat(70 * 1024) + "\"}";
        unprettified(tenant).body(big).post("/v1/rooms")
                .then().statusCode(413).contentType("application/problem+json");
        String deep = "[".repeat(100_000) + "]".repeat(100_000); // 200 KB: refused before reading
        unprettified(tenant).body(deep).post("/v1/rooms")
                .then().statusCode(413);
        String nested = "{\"name\":\"n\",\"metadata\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"; // 10 KB, 5,000 deep: refused at its first "["
        unprettified(tenant).body(nested).post("/v1/rooms")
                .then().statusCode(400).contentType("application/problem+json");
        String hugeNumber = "{\"name\":\"n\",\"maxParticipants\":1" + "0".repeat(5_000) + "}";
        unprettified(tenant).body(hugeNumber).post("/v1/rooms")
                .then().statusCode(400).contentType("application/problem+json");
        unprettified(tenant).body("{\"name\":\"n\"}{\"name\":\"m\"}")
                .post("/v1/rooms").then().statusCode(400);
        unprettified(tenant).body("{\"name\":\"\\ud800\"}")
                .post("/v1/rooms").then().statusCode(400);
        assertEquals(0, given().header("Authorization", tenant.key()).get("/v1/rooms").then().statusCode(200)
                .extract().jsonPath().getList("items").size(), "nothing was created");
    }

    /**
     * A request whose body RestAssured never pretty-prints: on a failed check it logs the request, and
     * indenting 100,000 nested brackets takes the test JVM's whole heap.
     */
    private static io.restassured.specification.RequestSpecification unprettified(Tenant tenant) {
        return given().config(io.restassured.RestAssured.config()
                        .logConfig(io.restassured.config.LogConfig.logConfig().enablePrettyPrinting(false)))
                .header("Authorization", tenant.key()).contentType(ContentType.JSON);
    }

    /**
     * A room token (the end user's credential) and a join ticket (the worker's) are no credentials
     * for the REST API: every operation of openapi.yaml that takes an API key or a Keycloak token,
     * on room-service and tenant-service, answers them 401 problem+json, and the tenant's rooms,
     * participants, keys, webhook settings and delivery log are read back unchanged. The token
     * carries every grant (roomAdmin included) and names the room and tenant of each request.
     */
    @Test
    void roomTokensAndJoinTicketsAreNoCredentialsForTheRestApi() throws Exception {
        Platform.emptyPool();
        String worker = Platform.worker("eu", 100, 0.1);
        Tenant tenant = Platform.tenant("Token as key");
        String token;
        io.restassured.path.json.JsonPath joined;
        // The simulated worker beats throughout: a loaded machine can exceed the silence limit, and a
        // worker declared dead would release the room while the test reads it.
        try (HeartbeatKeeper beforeTheJoin = HeartbeatKeeper.start(worker, List.of())) {
            Platform.webhook(tenant, "https://receiver.example/hooks");
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("name", "held"))
                    .post("/v1/rooms").then().statusCode(201);
            token = Platform.mint(tenant, "held", Map.of("identity", "alice", "grants", Map.of("roomAdmin", true)));
            joined = given().header("Authorization", "Bearer " + token).post("/v1/rtc/join").then().statusCode(200).extract().jsonPath();
        }
        String ticket = joined.getString("ticket");
        String alice = joined.getString("participant.sid");
        try (HeartbeatKeeper inTheCall = HeartbeatKeeper.start(worker, List.of(alice))) {
            Platform.events(worker, List.of(WorkerEvents.joined(alice, Instant.now().minusSeconds(1))));
            String session = given().header("Authorization", tenant.key()).get("/v1/rooms/held/sessions").then().statusCode(200)
                    .extract().path("items[0].sid");
            String keyId = new String(Base64.getDecoder().decode(tenant.key().substring("Basic ".length())), UTF_8).split(":")[0];
            Map<String, String> objects = Map.of("room", "held", "identity", "alice", "session", session, "tenantId", tenant.id(),
                    "keyId", keyId, "workerId", worker, "id", "wd_unknown");
            String before = tenantData(tenant, session);

            int refused = 0;
            for (String credential : List.of(token, ticket)) {
                for (ApiOperation operation : ApiOperation.all()) {
                    io.restassured.specification.RequestSpecification request = operation.path().startsWith("/v1/tenants")
                            ? Platform.tenantService() : given();
                    request.header("Authorization", "Bearer " + credential);
                    if (operation.body() != null) {
                        request.contentType(ContentType.JSON).body(operation.body());
                    }
                    Response answer = request.request(operation.method(), operation.fill(objects));
                    String what = operation + " with a " + (credential.equals(token) ? "room token" : "join ticket");
                    assertEquals(401, answer.statusCode(), what + ": " + answer.asString());
                    assertTrue(answer.contentType().startsWith("application/problem+json"), what + ": " + answer.contentType());
                    refused++;
                }
            }
            assertEquals(2 * 29, refused, "every operation of openapi.yaml that takes a key or a Keycloak token, twice");
            assertEquals(before, tenantData(tenant, session), "rooms, participants, keys, webhook settings and deliveries are unchanged");
            given().header("Authorization", platformAdmin()).get("/v1/admin/workers").then().statusCode(200)
                    .body("items.find { it.id == '" + worker + "' }.state", org.hamcrest.Matchers.not("draining"));
        }
    }

    /** What the tenant's own key and the platform admin read of it; the same before and after an attack. */
    private static String tenantData(Tenant tenant, String session) {
        String key = tenant.key();
        List<String> reads = List.of(
                given().header("Authorization", key).get("/v1/rooms").then().statusCode(200).extract().asString(),
                given().header("Authorization", key).get("/v1/rooms/held").then().statusCode(200).extract().asString(),
                // The live participant list asks the hosting worker (simulated here): room-service's record of the call instead.
                given().header("Authorization", key).get("/v1/rooms/held/sessions").then().statusCode(200).extract().jsonPath()
                        .getList("items.collect { it.sid + ' ' + it.endedAt }").toString(),
                given().header("Authorization", key).get("/v1/rooms/held/sessions/" + session + "/participants").then().statusCode(200)
                        .extract().jsonPath().getList("items.collect { it.identity + ' ' + it.name + ' ' + it.leftAt }").toString(),
                // Deliveries are retried meanwhile: which exist is what counts, not their attempts.
                given().header("Authorization", key).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath()
                        .getList("items.collect { it.id + ' ' + it.type }").toString(),
                Platform.tenantService().header("Authorization", platformAdmin()).get("/v1/tenants/" + tenant.id())
                        .then().statusCode(200).extract().asString(),
                Platform.tenantService().header("Authorization", platformAdmin()).get("/v1/tenants/" + tenant.id() + "/webhook")
                        .then().statusCode(200).extract().asString(),
                Platform.tenantService().header("Authorization", platformAdmin()).get("/v1/tenants/" + tenant.id() + "/api-keys")
                        .then().statusCode(200).extract().jsonPath().getList("items.collect { it.id + ' ' + it.status }").toString(),
                String.valueOf(tenantNames().contains(MADE_WITH_A_TOKEN)));
        return String.join("\n", reads);
    }

    private static String platformAdmin() {
        return Platform.platformAdmin();
    }

    private static List<String> tenantNames() {
        List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        do {
            io.restassured.specification.RequestSpecification page = Platform.tenantService().header("Authorization", platformAdmin())
                    .queryParam("limit", 100);
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            io.restassured.path.json.JsonPath answer = page.get("/v1/tenants").then().statusCode(200).extract().jsonPath();
            names.addAll(answer.getList("items.name"));
            cursor = answer.getString("nextCursor");
        } while (cursor != null);
        return names;
    }

    /**
     * An operation of the public contract (openapi.yaml) that needs an API key or a Keycloak token,
     * with a valid body where it takes one, so that only the credential can be what is refused.
     */
    private record ApiOperation(String method, String path, Map<String, Object> body) {

        private static final Map<String, Map<String, Object>> BODIES = Map.of(
                "POST /v1/rooms", Map.of("name", "made-with-a-token"),
                "PATCH /v1/rooms/{room}/participants/{identity}", Map.of("name", "Renamed by a token"),
                "POST /v1/rooms/{room}/participants/{identity}/mute", Map.of("trackSid", "TR_x", "muted", true),
                "POST /v1/rooms/{room}/tokens", Map.of("identity", "mallory", "grants", Map.of("roomAdmin", true)),
                "POST /v1/turn/credentials", Map.of("identity", "mallory"),
                "POST /v1/tenants", Map.of("name", MADE_WITH_A_TOKEN),
                "PATCH /v1/tenants/{tenantId}", Map.of("name", "Renamed by a token"),
                "POST /v1/tenants/{tenantId}/api-keys", Map.of("name", "made with a token", "scopes", List.of("keys:manage")),
                "PUT /v1/tenants/{tenantId}/webhook", Map.of("url", "https://attacker.example/hook"));

        @SuppressWarnings("unchecked")
        static List<ApiOperation> all() throws java.io.IOException {
            Map<String, Object> contract = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(java.nio.file.Path.of("..", "openapi.yaml").toFile(),
                    Map.class);
            List<ApiOperation> operations = new java.util.ArrayList<>();
            ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
                if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    return;
                }
                Map<String, Object> operation = (Map<String, Object>) value;
                List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                // The JWKS is public; the join endpoint takes room tokens by design (JoinResourceTests refuses tickets there).
                if (security == null || security.stream().noneMatch(s -> s.containsKey("apiKey") || s.containsKey("keycloak"))) {
                    return;
                }
                String key = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                if (operation.containsKey("requestBody") && !BODIES.containsKey(key)) {
                    throw new AssertionError(key + " takes a body: give it a valid one in BODIES");
                }
                operations.add(new ApiOperation(method.toUpperCase(java.util.Locale.ROOT), path, BODIES.get(key)));
            }));
            return operations;
        }

        String fill(Map<String, String> objects) {
            String filled = path;
            for (Map.Entry<String, String> object : objects.entrySet()) {
                filled = filled.replace("{" + object.getKey() + "}", object.getValue());
            }
            if (filled.contains("{")) {
                throw new AssertionError("no value for a parameter of " + path);
            }
            return filled;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static RoomTokenClaims claims(Tenant tenant, Instant notBefore, Instant expiresAt) {
        return new RoomTokenClaims(tenant.id(), "r", "mallory", null, null, RoomGrants.standard(),
                notBefore, notBefore, expiresAt, "jti-" + System.nanoTime());
    }

    private static Response join(String token) {
        return given().header("Authorization", "Bearer " + token).post("/v1/rtc/join");
    }

    private static String hs256(String input, byte[] secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(US_ASCII)));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
    }
}
