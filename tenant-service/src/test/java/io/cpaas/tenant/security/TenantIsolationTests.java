package io.cpaas.tenant.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Broken object level authorization is the first thing tested: tenant A never reaches tenant B. */
@QuarkusTest
class TenantIsolationTests {

    @Test
    void noCallerOfTenantACanReadOrTouchTenantB() {
        TenantFixture a = Fixtures.tenant("Alpha");
        TenantFixture b = Fixtures.tenant("Beta");
        String bTenant = "/v1/tenants/" + b.id();
        for (String auth : List.of(a.adminToken(), a.viewerToken(), a.key().basic(), a.key().bearer())) {
            expectNotFound(given().header("Authorization", auth).when().get(bTenant).then().extract().statusCode());
            expectNotFound(given().header("Authorization", auth).contentType(ContentType.JSON).body(Map.of("name", "Stolen"))
                    .when().patch(bTenant).then().extract().statusCode());
            expectNotFound(given().header("Authorization", auth).when().delete(bTenant).then().extract().statusCode());
            expectNotFound(given().header("Authorization", auth).when().get(bTenant + "/api-keys").then().extract().statusCode());
            expectNotFound(given().header("Authorization", auth).contentType(ContentType.JSON)
                    .body(Map.of("name", "x", "scopes", List.of("rooms:read")))
                    .when().post(bTenant + "/api-keys").then().extract().statusCode());
            expectNotFound(given().header("Authorization", auth).when().delete(bTenant + "/api-keys/" + b.key().id())
                    .then().extract().statusCode());
            // B's key id under A's own tenant path must not reach B's key either.
            int ownPath = given().header("Authorization", auth).when().delete("/v1/tenants/" + a.id() + "/api-keys/" + b.key().id())
                    .then().extract().statusCode();
            assertTrue(ownPath == 404 || ownPath == 403, "revoking B's key through A's path answered " + ownPath);
            expectNotFound(given().header("Authorization", auth).when().get(bTenant + "/webhook").then().extract().statusCode());
            expectNotFound(given().header("Authorization", auth).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://attacker.example/hook"))
                    .when().put(bTenant + "/webhook").then().extract().statusCode());
        }
        given().header("Authorization", b.key().basic()).when().get(bTenant).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not("Stolen")).body("status", org.hamcrest.Matchers.equalTo("active"));
        given().header("Authorization", b.adminToken()).when().get(bTenant + "/webhook").then().statusCode(200)
                .body("url", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void consoleUserWithoutTenantClaimReachesNoTenant() {
        TenantFixture tenant = Fixtures.tenant("Orphan");
        String user = "orphan-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        io.cpaas.tenant.support.Keycloak.createTenantUser(user, "pw-" + user, null, "tenant-admin");
        String token = "Bearer " + io.cpaas.tenant.support.Keycloak.passwordToken("cpaas", user, "pw-" + user);
        given().header("Authorization", token).when().get("/v1/tenants/" + tenant.id()).then().statusCode(403);
        given().header("Authorization", token).when().get("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(403);
    }

    private static void expectNotFound(int status) {
        assertTrue(status == 404, "expected 404, got " + status);
    }
}
