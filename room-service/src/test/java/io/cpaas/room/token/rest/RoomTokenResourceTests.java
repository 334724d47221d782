package io.cpaas.room.token.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.api.token.InvalidTokenException;
import io.cpaas.api.token.PublicKeySet;
import io.cpaas.api.token.RoomTokenClaims;
import io.cpaas.api.token.RoomTokenVerifier;
import io.cpaas.api.token.TrackSource;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.token.service.SigningKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class RoomTokenResourceTests {

    @Inject
    SigningKeyStore keys;

    @Test
    void mintedTokenVerifiesWithThePublishedJwksAndCarriesTheRequestedClaims() {
        Tenant tenant = Platform.tenant("Tokens");
        var answer = given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("identity", "alice", "name", "Alice", "metadata", "{\"seat\":3}", "ttl", 600,
                        "grants", Map.of("publish", true, "sources", List.of("camera", "microphone"), "roomAdmin", true)))
                .post("/v1/rooms/daily-sync/tokens").then().statusCode(201).header("Cache-Control", "no-store")
                .extract().jsonPath();
        RoomTokenClaims claims = verifier().verifyRoomToken(answer.getString("token"), tenant.id(), "daily-sync");
        assertEquals("alice", claims.identity());
        assertEquals("Alice", claims.name());
        assertEquals("{\"seat\":3}", claims.metadata());
        assertEquals(Set.of(TrackSource.CAMERA, TrackSource.MICROPHONE), claims.grants().allowedSources());
        assertTrue(claims.grants().roomAdmin());
        assertTrue(claims.grants().subscribe());
        assertEquals(Duration.ofSeconds(600), Duration.between(claims.issuedAt(), claims.expiresAt()));
        assertEquals(claims.expiresAt(), Instant.parse(answer.getString("expiresAt")));
    }

    @Test
    void defaultTtlIsOneHourAndBoundsAreEnforced() {
        Tenant tenant = Platform.tenant("Ttl");
        RoomTokenClaims claims = verifier().verifyRoomToken(Platform.mint(tenant, "r", "bob"));
        assertEquals(Duration.ofHours(1), Duration.between(claims.issuedAt(), claims.expiresAt()));
        for (Object ttl : List.of(59, 86_401, -1, "long")) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", "bob", "ttl", ttl))
                    .post("/v1/rooms/r/tokens").then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void badIdentitiesRoomNamesAndGrantsAreRefused() {
        Tenant tenant = Platform.tenant("BadTokens");
        for (String identity : List.of("", "a:b", "with space", "quote\"", "x".repeat(129), "\u0000")) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", identity))
                    .post("/v1/rooms/r/tokens").then().statusCode(400);
        }
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", "a"))
                .post("/v1/rooms/bad room/tokens").then().statusCode(400).body("errors[0].field", equalTo("room"));
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("identity", "a", "grants", Map.of("sources", List.of("hologram"))))
                .post("/v1/rooms/r/tokens").then().statusCode(400);
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("identity", "a", "metadata", "m".repeat(4097)))
                .post("/v1/rooms/r/tokens").then().statusCode(400);
    }

    @Test
    void mintingNeedsTheTokensCreateScope() {
        Tenant tenant = Platform.tenant("NoMint", Map.of(), "rooms:read");
        given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("identity", "a"))
                .post("/v1/rooms/r/tokens").then().statusCode(403);
    }

    @Test
    void rotationKeepsOldTokensValidAndPublishesBothKeys() {
        Tenant tenant = Platform.tenant("Rotate");
        String before = Platform.mint(tenant, "r", "carol");
        String oldKid = keys.signer().kid();
        String newKid = keys.rotate();
        assertNotEquals(oldKid, newKid);
        String after = Platform.mint(tenant, "r", "carol");
        PublicKeySet published = PublicKeySet.fromJwksJson(given().get("/.well-known/jwks.json").then().statusCode(200)
                .extract().asString());
        assertTrue(published.resolve(oldKid).isPresent());
        assertTrue(published.resolve(newKid).isPresent());
        RoomTokenVerifier verifier = new RoomTokenVerifier(published, Clock.systemUTC());
        assertEquals("carol", verifier.verifyRoomToken(before).identity());
        assertEquals("carol", verifier.verifyRoomToken(after).identity());
        assertFalse(given().get("/.well-known/jwks.json").asString().contains("\"d\""), "no private parts in the JWKS");
    }

    @Test
    void operatorsRotateThroughTheInternalApiWithTheClusterSecretOnly() {
        given().post("/internal/v1/signing-keys/rotate").then().statusCode(401);
        String before = keys.signer().kid();
        String kid = given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET)
                .post("/internal/v1/signing-keys/rotate").then().statusCode(200).extract().path("kid");
        assertNotEquals(before, kid);
        assertEquals(kid, keys.signer().kid());
    }

    @Test
    void aTokenSignedByAnotherDeploymentIsRefused() {
        var foreign = new io.cpaas.api.token.RoomTokenSigner(io.cpaas.api.token.SigningKey.generate());
        String token = foreign.sign(RoomTokenClaims.issue("tn_x", "r", "mallory", null, null,
                io.cpaas.api.token.RoomGrants.standard(), Instant.now(), Duration.ofMinutes(5)));
        assertThrows(InvalidTokenException.class, () -> verifier().verifyRoomToken(token));
    }

    private static RoomTokenVerifier verifier() {
        return new RoomTokenVerifier(PublicKeySet.fromJwksJson(given().get("/.well-known/jwks.json").then()
                .statusCode(200).extract().asString()), Clock.systemUTC());
    }
}
