package io.cpaas.tenant.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Keycloak;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens from the real Keycloak: accepted when genuine, refused when tampered, expired or foreign. */
@QuarkusTest
class KeycloakTokenTests {

    @Test
    void realTokenFromOurRealmIsAccepted() {
        given().header("Authorization", "Bearer " + Keycloak.platformAdminToken()).when().get("/v1/tenants")
                .then().statusCode(200);
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = Keycloak.platformAdminToken();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"platform-admin\"", "\"platform-admix\"");
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Bearer " + parts[0] + "." + tamperedPayload + "." + parts[2])
                .when().get("/v1/tenants").then().statusCode(401);
        char last = parts[2].charAt(5);
        String badSignature = parts[2].substring(0, 5) + (last == 'A' ? 'B' : 'A') + parts[2].substring(6);
        given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + "." + badSignature)
                .when().get("/v1/tenants").then().statusCode(401);
        given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + ".")
                .when().get("/v1/tenants").then().statusCode(401);
    }

    @Test
    void tokenOfAnotherRealmIsRefused() {
        given().header("Authorization", "Bearer " + Keycloak.masterAdminToken()).when().get("/v1/tenants")
                .then().statusCode(401);
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String tenant = given().header("Authorization", Fixtures.platformAdmin()).contentType("application/json")
                .body(Map.of("name", Fixtures.uniqueName("Expiring"))).when().post("/v1/tenants").then().extract().path("id");
        String user = "short-" + UUID.randomUUID().toString().substring(0, 8);
        Keycloak.createTenantUser(user, "pw-" + user, tenant, "tenant-admin");
        Keycloak.ensureShortLivedClient("cpaas-test-short", 1);
        String token = Keycloak.passwordToken("cpaas", "cpaas-test-short", user, "pw-" + user);
        long exp = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("exp").asLong();
        while (System.currentTimeMillis() / 1000 <= exp + 1) {
            Thread.sleep(200);
        }
        int status = given().header("Authorization", "Bearer " + token).when().get("/v1/tenants/" + tenant)
                .then().extract().statusCode();
        assertEquals(401, status, "an expired token is refused");
        assertTrue(exp > 0);
    }

    @Test
    void tenantClaimDecidesWhichTenantAConsoleUserSees() {
        var tenant = Fixtures.tenant("Claim");
        given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id())
                .then().statusCode(200);
    }
}
