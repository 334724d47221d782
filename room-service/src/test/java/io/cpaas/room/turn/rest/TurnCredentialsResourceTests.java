package io.cpaas.room.turn.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cpaas.api.turn.TurnCredentialIssuer;
import io.cpaas.api.turn.TurnCredentials;
import io.cpaas.api.turn.TurnServerAddresses;
import io.cpaas.room.support.Platform;
import io.cpaas.room.support.Platform.Tenant;
import io.cpaas.room.support.TenantServiceProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Credentials checked by a real coturn (started by deploy/local/test.sh with use-auth-secret). */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class TurnCredentialsResourceTests {

    @ConfigProperty(name = "cpaas.turn.port")
    int turnPort;

    @ConfigProperty(name = "cpaas.turn.secrets")
    List<String> secrets;

    @Test
    void issuedCredentialsAllocateOnCoturnAndTamperedOnesDoNot() throws Exception {
        Tenant tenant = Platform.tenant("Turn");
        JsonPath answer = given().header("Authorization", tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("identity", "alice"))
                .post("/v1/turn/credentials").then().statusCode(201)
                .body("ttl", equalTo(3600))
                .body("username", startsWith(""))
                .body("iceServers[0].urls", hasItem("stun:127.0.0.1:" + turnPort))
                .body("iceServers[1].urls", hasItem("turn:127.0.0.1:" + turnPort + "?transport=udp"))
                .extract().jsonPath();
        String username = answer.getString("username");
        String[] fields = username.split(":");
        assertEquals(tenant.id(), fields[1]);
        assertEquals("alice", fields[2]);
        long expiry = Long.parseLong(fields[0]);
        assertEquals(Instant.parse(answer.getString("expiresAt")).getEpochSecond(), expiry);
        assertEquals(answer.getString("credential"), answer.getString("iceServers[1].credential"));

        assertEquals(0, allocate(username, answer.getString("credential")), "valid credentials allocate a relay");
        String tampered = answer.getString("credential").substring(1) + "A";
        assertNotEquals(0, allocate(username, tampered), "a tampered credential is refused");
        assertNotEquals(0, allocate(username.replace(":alice", ":mallory"), answer.getString("credential")),
                "a username changed after signing is refused");
    }

    @Test
    void wrongSecretAndExpiredUsernamesAreRefusedByCoturn() throws Exception {
        TurnServerAddresses addresses = TurnServerAddresses.withoutTls("127.0.0.1", turnPort);
        TurnCredentials wrongSecret = new TurnCredentialIssuer(List.of("not-the-secret-of-this-coturn"), addresses,
                Clock.systemUTC()).issue("tn_x", "eve");
        assertNotEquals(0, allocate(wrongSecret.username(), wrongSecret.credential()));
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        TurnCredentials expired = new TurnCredentialIssuer(secrets, addresses, twoHoursAgo).issue("tn_x", "eve");
        assertNotEquals(0, allocate(expired.username(), expired.credential()));
        TurnCredentials fresh = new TurnCredentialIssuer(secrets, addresses, Clock.systemUTC()).issue("tn_x", "eve");
        assertEquals(0, allocate(fresh.username(), fresh.credential()), "the same secret, fresh, works: the refusals above are real");
    }

    @Test
    void badRequestsAreRefused() {
        Tenant tenant = Platform.tenant("TurnBad");
        for (Object body : List.of(Map.of("identity", "a:b"), Map.of("identity", "a", "ttl", 10),
                Map.of("identity", "a", "ttl", 90_000), Map.of(), "garbage")) {
            given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(body)
                    .post("/v1/turn/credentials").then().statusCode(400).contentType("application/problem+json");
        }
        Tenant noScope = Platform.tenant("TurnNoScope", Map.of(), "rooms:read");
        given().header("Authorization", noScope.key()).contentType(ContentType.JSON).body(Map.of("identity", "a"))
                .post("/v1/turn/credentials").then().statusCode(403);
    }

    private int allocate(String username, String credential) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("turnutils_uclient", "-p", String.valueOf(turnPort), "-u", username, "-w", credential,
                "-n", "2", "-m", "1", "-y", "-c", "127.0.0.1").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
