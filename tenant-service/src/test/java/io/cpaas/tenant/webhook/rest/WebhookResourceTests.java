package io.cpaas.tenant.webhook.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTests {

    @Test
    void adminSetsUrlKeepsSecretAndRotatesIt() {
        TenantFixture tenant = Fixtures.tenant("Hooks");
        String path = "/v1/tenants/" + tenant.id() + "/webhook";
        String secret = given().header("Authorization", tenant.adminToken()).when().get(path)
                .then().statusCode(200).body("url", nullValue()).body("signingSecret", startsWith("whsec_"))
                .extract().path("signingSecret");
        given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hooks/cpaas"))
                .when().put(path).then().statusCode(200)
                .body("url", equalTo("https://example.com/hooks/cpaas")).body("signingSecret", equalTo(secret));
        String rotated = given().header("Authorization", tenant.key().basic()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hooks/cpaas", "rotateSecret", true))
                .when().put(path).then().statusCode(200).extract().path("signingSecret");
        assertNotEquals(secret, rotated);
        given().header("Authorization", tenant.adminToken()).when().get("/v1/tenants/" + tenant.id())
                .then().body("webhookUrl", equalTo("https://example.com/hooks/cpaas"))
                .body("signingSecret", nullValue());
        Map<String, Object> clear = new HashMap<>();
        clear.put("url", null);
        given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON).body(clear)
                .when().put(path).then().statusCode(200).body("url", nullValue());
    }

    @Test
    void badUrlsAreRefusedAndChangeNothing() {
        TenantFixture tenant = Fixtures.tenant("BadHooks");
        String path = "/v1/tenants/" + tenant.id() + "/webhook";
        String before = given().header("Authorization", tenant.adminToken()).when().get(path).then().extract().asString();
        for (String url : List.of("ftp://example.com/x", "not a url", "javascript:alert(1)", "https://user:pw@example.com/",
                "/relative", "https://example.com/" + "a".repeat(2100))) {
            given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON).body(Map.of("url", url))
                    .when().put(path).then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(before, given().header("Authorization", tenant.adminToken()).when().get(path).then().extract().asString());
    }

    @Test
    void viewersAndKeysWithoutKeysManageCannotSeeTheSecret() {
        TenantFixture tenant = Fixtures.tenant("HookViewers");
        String path = "/v1/tenants/" + tenant.id() + "/webhook";
        given().header("Authorization", tenant.viewerToken()).when().get(path).then().statusCode(403);
        var reader = Fixtures.key(tenant.id(), tenant.adminToken(), List.of("rooms:read"));
        given().header("Authorization", reader.basic()).when().get(path).then().statusCode(403);
    }
}
