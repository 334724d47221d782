package io.cpaas.sfu.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant with an API key, made through the real tenant-service, minting tokens at the real room-service. */
public record Tenants(String id, String key) {

    /** Numbers as BigDecimal: durations and minutes are compared exactly. */
    public static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    public static Tenants create(String label) {
        String admin = "Bearer " + Keycloak.platformAdminToken();
        String id = given().baseUri(ControlPlane.tenantUrl()).port(-1).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", label + " " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/v1/tenants").then().statusCode(201).extract().path("id");
        JsonPath key = given().baseUri(ControlPlane.tenantUrl()).port(-1).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "worker tests", "scopes", List.of("rooms:write", "rooms:read", "tokens:create", "turn:create", "usage:read")))
                .post("/v1/tenants/" + id + "/api-keys").then().statusCode(201).extract().jsonPath();
        String pair = key.getString("id") + ":" + key.getString("secret");
        return new Tenants(id, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes()));
    }

    public String token(String room, Map<String, Object> body) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", key).contentType(ContentType.JSON).body(body)
                .post("/v1/rooms/" + room + "/tokens").then().statusCode(201).extract().path("token");
    }

    public String token(String room, String identity) {
        return token(room, Map.of("identity", identity));
    }

    /**
     * Waits (at most 90 s) until this tenant can mint a token and join: a freshly started
     * room-service on a loaded machine answers 503 while tenant-service is slow to answer its first
     * key introspections, and the browser would log those as errors.
     */
    public Tenants awaitJoinable() {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            var minted = given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", key).contentType(ContentType.JSON)
                    .body(Map.of("identity", "warm-up")).post("/v1/rooms/warm-up/tokens");
            int status = minted.statusCode() == 201
                    ? given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", "Bearer " + minted.path("token"))
                            .post("/v1/rtc/join").statusCode()
                    : minted.statusCode();
            if (status == 200) {
                return this;
            }
            if (status != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("the tenant cannot join: " + status);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /**
     * The participants of the room's latest session once all of them have left (the worker reports
     * departures with its next heartbeat), with exact numbers; fails after 20 s.
     */
    public JsonPath participantsOnceEveryoneLeft(String room) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonPath participants = null;
        while (System.nanoTime() < deadline) {
            String session = api().get("/v1/rooms/" + room + "/sessions").then().statusCode(200).extract().path("items[0].sid");
            if (session != null) {
                participants = api().get("/v1/rooms/" + room + "/sessions/" + session + "/participants")
                        .then().statusCode(200).extract().jsonPath(EXACT);
                if (participants.getList("items.leftAt").stream().allMatch(at -> at != null)) {
                    return participants;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("the participants' departures never reached room-service: "
                + (participants == null ? "no session" : participants.prettify()));
    }

    /** A request to room-service's public API with this tenant's key. */
    public RequestSpecification api() {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", key);
    }

    /** Joins through room-service and answers the join response (signalUrl, ticket, …). */
    public JsonPath join(String roomToken) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", "Bearer " + roomToken)
                .post("/v1/rtc/join").then().statusCode(200).extract().jsonPath();
    }
}
