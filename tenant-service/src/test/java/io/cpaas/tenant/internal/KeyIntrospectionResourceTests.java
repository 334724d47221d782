package io.cpaas.tenant.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyIntrospectionResourceTests {

    private static final String PATH = "/internal/v1/api-keys/introspect";
    private static final String SECRET = "test-cluster-secret-not-for-production";

    @Test
    void answersTenantScopesLimitsAndWebhookForAValidKey() {
        TenantFixture tenant = Fixtures.tenant("Introspect");
        introspect(tenant.key().id(), tenant.key().secret())
                .then().statusCode(200)
                .body("active", equalTo(true))
                .body("tenantId", equalTo(tenant.id()))
                .body("scopes", hasItems("rooms:write", "keys:manage"))
                .body("limits.requestsPerSecondPerKey", equalTo(50))
                .body("webhook.signingSecret", org.hamcrest.Matchers.startsWith("whsec_"));
    }

    @Test
    void wrongSecretRevokedOrGarbageIsInactiveAndTellsNothing() {
        TenantFixture tenant = Fixtures.tenant("Inactive");
        introspect(tenant.key().id(), "sk_" + "B".repeat(43)).then().statusCode(200)
                .body("active", equalTo(false)).body("tenantId", nullValue());
        introspect("not-a-key", "x").then().statusCode(200).body("active", equalTo(false));
        given().header("Authorization", tenant.adminToken()).when()
                .delete("/v1/tenants/" + tenant.id() + "/api-keys/" + tenant.key().id()).then().statusCode(204);
        introspect(tenant.key().id(), tenant.key().secret()).then().body("active", equalTo(false));
    }

    @Test
    void withoutTheClusterSecretNothingIsAnswered() {
        TenantFixture tenant = Fixtures.tenant("NoSecret");
        given().contentType(ContentType.JSON).body(Map.of("keyId", tenant.key().id(), "secret", tenant.key().secret()))
                .when().post(PATH).then().statusCode(401).body("active", nullValue());
        given().header("X-Cluster-Secret", "guess").contentType(ContentType.JSON)
                .body(Map.of("keyId", tenant.key().id(), "secret", tenant.key().secret()))
                .when().post(PATH).then().statusCode(401);
        given().header("Authorization", tenant.key().basic()).contentType(ContentType.JSON)
                .body(Map.of("keyId", tenant.key().id(), "secret", tenant.key().secret()))
                .when().post(PATH).then().statusCode(401);
    }

    private static io.restassured.response.Response introspect(String keyId, String secret) {
        return given().header("X-Cluster-Secret", SECRET).contentType(ContentType.JSON)
                .body(Map.of("keyId", keyId, "secret", secret)).when().post(PATH);
    }
}
