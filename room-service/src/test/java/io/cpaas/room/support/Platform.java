package io.cpaas.room.support;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tenants and API keys made through the real tenant-service, and simulated workers registered
 * through room-service's internal API (the pool logic is what these tests exercise).
 */
public final class Platform {

    public static final List<String> ALL_SCOPES = List.of("rooms:write", "rooms:read", "tokens:create", "turn:create",
            "usage:read", "keys:manage");

    private Platform() {
    }

    public static String platformAdmin() {
        return "Bearer " + Keycloak.platformAdminToken();
    }

    /** A new tenant and an API key with the given scopes (all when none are given). */
    public static Tenant tenant(String label, Map<String, Object> settings, String... scopes) {
        String admin = platformAdmin();
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.put("name", label + " " + UUID.randomUUID().toString().substring(0, 8));
        String id = tenantService().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .post("/v1/tenants").then().statusCode(201).extract().path("id");
        return new Tenant(id, key(id, admin, scopes.length == 0 ? ALL_SCOPES : List.of(scopes)));
    }

    public static Tenant tenant(String label) {
        return tenant(label, Map.of());
    }

    public static String key(String tenantId, String authorization, List<String> scopes) {
        JsonPath created = tenantService().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(Map.of("name", "room-service test", "scopes", scopes))
                .post("/v1/tenants/" + tenantId + "/api-keys").then().statusCode(201).extract().jsonPath();
        String pair = created.getString("id") + ":" + created.getString("secret");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes());
    }

    public static RequestSpecification tenantService() {
        return given().baseUri(TenantServiceProcess.url()).port(-1);
    }

    /** Points the tenant's webhooks at {@code url} (through tenant-service, as the console does). */
    public static void webhook(Tenant tenant, String url) {
        tenantService().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(Map.of("url", url))
                .put("/v1/tenants/" + tenant.id() + "/webhook").then().statusCode(200);
    }

    /** Registers a simulated worker and gives it one heartbeat with the given CPU load. */
    public static String worker(String region, int maxParticipants, double cpu) {
        return worker(region, maxParticipants, cpu, null);
    }

    /** A simulated worker announcing a control URL (null: none, as older workers register). */
    public static String worker(String region, int maxParticipants, double cpu, String controlUrl) {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id, "region", region, "signalUrl", "ws://127.0.0.1:9/" + id,
                "udpAddress", "127.0.0.1:7882", "capacity", Map.of("participants", maxParticipants, "tracks", 1000)));
        if (controlUrl != null) {
            body.put("controlUrl", controlUrl);
        }
        given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/workers").then().statusCode(200);
        heartbeat(id, cpu, 0);
        return id;
    }

    /** A control URL nothing listens on: a worker whose control API cannot be reached. */
    public static String unreachableControlUrl() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void heartbeat(String workerId, double cpu, int participants) {
        given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON)
                .body(Map.of("cpu", cpu, "participants", participants, "tracksIn", 0, "tracksOut", 0, "bitrateBps", 0))
                .post("/internal/v1/workers/" + workerId + "/heartbeat").then().statusCode(200);
    }

    /** A heartbeat listing the participants connected to the worker; answers whom room-service wants gone. */
    public static List<String> heartbeat(String workerId, List<String> participantSids) {
        return sendHeartbeat(workerId, participantSids).then().statusCode(200).extract().jsonPath().getList("evict");
    }

    /** The same heartbeat, whatever room-service answers (404: it no longer knows the worker). */
    public static Response sendHeartbeat(String workerId, List<String> participantSids) {
        return sendHeartbeat(given(), workerId, participantSids);
    }

    /** The same heartbeat, given up after {@code timeout} without an answer, as a worker does. */
    public static Response sendHeartbeat(String workerId, List<String> participantSids, java.time.Duration timeout) {
        int millis = (int) timeout.toMillis();
        return sendHeartbeat(given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", millis).setParam("http.socket.timeout", millis))), workerId, participantSids);
    }

    private static Response sendHeartbeat(RequestSpecification request, String workerId, List<String> participantSids) {
        return request.header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON)
                .body(Map.of("cpu", 0.1, "participants", participantSids.size(), "tracksIn", 0, "tracksOut", 0,
                        "bitrateBps", 0, "participantSids", participantSids))
                .post("/internal/v1/workers/" + workerId + "/heartbeat");
    }

    /** Takes every registered worker out of the pool, so a test starts from a pool it controls. */
    public static void emptyPool() {
        List<String> ids = given().header("Authorization", platformAdmin()).get("/v1/admin/workers")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        for (String id : ids) {
            given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).delete("/internal/v1/workers/" + id)
                    .then().statusCode(204);
        }
    }

    public static String mint(Tenant tenant, String room, Map<String, Object> body) {
        return given().header("Authorization", tenant.key()).contentType(ContentType.JSON).body(body)
                .post("/v1/rooms/" + room + "/tokens").then().statusCode(201).extract().path("token");
    }

    public static String mint(Tenant tenant, String room, String identity) {
        return mint(tenant, room, Map.of("identity", identity));
    }

    /** Joins through /v1/rtc/join; answers the participant sid room-service assigned. */
    public static String join(Tenant tenant, String room, String identity) {
        return given().header("Authorization", "Bearer " + mint(tenant, room, identity)).post("/v1/rtc/join")
                .then().statusCode(200).extract().path("participant.sid");
    }

    /** Reports events as the worker does; answers room-service's outcome. */
    public static JsonPath events(String workerId, List<Map<String, Object>> events) {
        return given().header("X-Cluster-Secret", TenantServiceProcess.CLUSTER_SECRET).contentType(ContentType.JSON)
                .body(Map.of("events", events)).post("/internal/v1/workers/" + workerId + "/events")
                .then().statusCode(200).extract().jsonPath();
    }

    /** A tenant's id and an API key of it as an Authorization header. */
    public record Tenant(String id, String key) {
    }
}
