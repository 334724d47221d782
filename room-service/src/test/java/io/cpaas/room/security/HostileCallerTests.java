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
 * kid, not yet valid), another tenant's session history, rate limits, oversized and pathological bodies.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class HostileCallerTests {

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
