package io.cpaas.sfu.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The worker's calls to room-service's internal API and JWKS. Every call may fail; callers retry. */
@ApplicationScoped
public class RoomServiceClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json;
    private final WorkerConfig config;
    private final String base;

    public RoomServiceClient(ObjectMapper json, WorkerConfig config) {
        this.json = json;
        this.config = config;
        this.base = config.roomServiceUrl().replaceAll("/+$", "");
    }

    /** Registers this worker; answers the heartbeat interval room-service wants. */
    public Duration register() throws IOException {
        Map<String, Object> body = Map.of("id", config.id(), "region", config.region(), "signalUrl", config.signalUrl(),
                "controlUrl", config.controlUrl().replaceAll("/+$", ""),
                "udpAddress", config.udp().announcedAddresses().get(0),
                "capacity", Map.of("participants", config.capacity().participants(), "tracks", config.capacity().tracks()));
        JsonNode answer = send(internal("/internal/v1/workers").POST(jsonBody(body)), 200)
                .orElseThrow(() -> new IOException("registration refused"));
        return Duration.ofMillis(answer.path("heartbeatIntervalMillis").asLong(2000));
    }

    /** Sends the load; answers room-service's view (state, participants to disconnect), or empty when it no longer knows us. */
    public Optional<HeartbeatAnswer> heartbeat(WorkerLoadReport load) throws IOException {
        return send(internal("/internal/v1/workers/" + config.id() + "/heartbeat").POST(jsonBody(load)), 200)
                .map(answer -> {
                    java.util.List<String> evict = new java.util.ArrayList<>();
                    answer.path("evict").forEach(sid -> evict.add(sid.asText()));
                    return new HeartbeatAnswer(answer.path("state").asText(), evict);
                });
    }

    /** What room-service answers a heartbeat. */
    public record HeartbeatAnswer(String state, java.util.List<String> evict) {
    }

    /**
     * Hands room-service a batch of events; returns once it has recorded them. A batch it refuses as
     * invalid (400) throws {@link BatchRefusedException}: sending it again would never succeed.
     */
    public void sendEvents(java.util.List<io.cpaas.sfu.events.WorkerEvent> events) throws IOException {
        HttpResponse<String> response = call(internal("/internal/v1/workers/" + config.id() + "/events")
                .POST(jsonBody(Map.of("events", events))));
        if (response.statusCode() == 400) {
            throw new BatchRefusedException(response.body());
        }
        if (response.statusCode() != 200) {
            throw new IOException("room-service answered " + response.statusCode() + " to events: " + response.body());
        }
    }

    /** room-service found a batch invalid. */
    public static final class BatchRefusedException extends IOException {
        BatchRefusedException(String problem) {
            super("room-service refused an event batch: " + problem);
        }
    }

    public void deregister() throws IOException {
        send(internal("/internal/v1/workers/" + config.id()).DELETE(), 204);
    }

    public String jwks() throws IOException {
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json")).GET());
        if (response.statusCode() != 200) {
            throw new IOException("JWKS answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder internal(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("X-Cluster-Secret", config.clusterSecret())
                .header("Content-Type", "application/json");
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
    }

    /** The JSON answer on the expected status; empty on 404; IOException on anything else. */
    private Optional<JsonNode> send(HttpRequest.Builder request, int expected) throws IOException {
        HttpResponse<String> response = call(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != expected) {
            throw new IOException("room-service answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
    }

    private HttpResponse<String> call(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
