package io.cpaas.room.pool.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.auth.ClusterSecretGuard;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.participant.LiveParticipant;
import io.cpaas.room.pool.Worker;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * room-service's calls to a worker's control API ({@code /internal/v1/rooms/{tenant}/{room}/…} on
 * the worker's control URL, cluster secret). A worker that cannot be reached, or answers anything
 * unexpected, is a 503 with Retry-After for the caller; what the worker does not have is a 404.
 */
@ApplicationScoped
public class WorkerControlClient {

    private static final Logger LOG = Logger.getLogger(WorkerControlClient.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    // HTTP/1.1: the JDK client's default, HTTP/2, opens every new connection to a plain-http worker
    // with an h2c upgrade (an HTTP/1.1 request, 101, then a second handshake), which cost 0.3-0.6 s
    // on a loaded 2-core machine before the first control call, a removal's, got through.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json;
    private final String clusterSecret;

    public WorkerControlClient(ObjectMapper json, RoomServiceConfig config) {
        // Answers are read leniently: a newer worker may add fields.
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.clusterSecret = config.clusterSecret();
    }

    public List<LiveParticipant> participants(Worker worker, String tenantId, String room) {
        JsonNode answer = call(worker, request(worker, tenantId, room, "/participants").GET(), room);
        return read(answer.path("items"), json.getTypeFactory().constructCollectionType(List.class, LiveParticipant.class));
    }

    /** Disconnects the participant; answers it as it was. */
    public LiveParticipant remove(Worker worker, String tenantId, String room, String identity) {
        return read(call(worker, request(worker, tenantId, room, "/participants/" + encode(identity)).DELETE(), room),
                json.constructType(LiveParticipant.class));
    }

    public LiveParticipant.Track mute(Worker worker, String tenantId, String room, String identity, String trackSid, boolean muted) {
        HttpRequest.Builder request = request(worker, tenantId, room, "/participants/" + encode(identity) + "/mute")
                .POST(body(Map.of("trackSid", trackSid, "muted", muted)));
        return read(call(worker, request, room), json.constructType(LiveParticipant.Track.class));
    }

    /** Sends the change (name, metadata, permissions: null fields unchanged); answers the participant after it. */
    public LiveParticipant update(Worker worker, String tenantId, String room, String identity, Object change) {
        HttpRequest.Builder request = request(worker, tenantId, room, "/participants/" + encode(identity))
                .method("PATCH", body(change));
        return read(call(worker, request, room), json.constructType(LiveParticipant.class));
    }

    /** Disconnects everyone in the room; false when the worker does not host it. */
    public boolean closeRoom(Worker worker, String tenantId, String room) {
        try {
            call(worker, request(worker, tenantId, room, "").DELETE(), room);
            return true;
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Asks an edge to relay a broadcast room from its origin (idempotent); returns once the origin
     * accepted the relay, so the viewer sent there next finds the room's tracks.
     */
    public void relay(Worker edge, String tenantId, String room, Worker origin) {
        if (origin.controlUrl() == null) {
            throw unavailable(origin, room, "the origin registered without a control URL (an older worker); upgrade it");
        }
        HttpRequest.Builder request = request(edge, tenantId, room, "/relay")
                .PUT(body(Map.of("originWorkerId", origin.id(), "originControlUrl", origin.controlUrl())))
                .timeout(Duration.ofSeconds(6)); // the edge connects to the origin first
        call(edge, request, room);
    }

    private HttpRequest.Builder request(Worker worker, String tenantId, String room, String path) {
        if (worker.controlUrl() == null) {
            throw unavailable(worker, room, "it registered without a control URL (an older worker); upgrade it");
        }
        return HttpRequest.newBuilder(URI.create(worker.controlUrl() + "/internal/v1/rooms/" + encode(tenantId) + "/"
                        + encode(room) + path))
                .header(ClusterSecretGuard.HEADER, clusterSecret)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(3));
    }

    private JsonNode call(Worker worker, HttpRequest.Builder request, String room) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(worker, room, "it did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(worker, room, "the call was interrupted");
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new ProblemException(ProblemType.NOT_FOUND, detail(response.body(), "Not on the worker hosting room " + room));
        }
        if (status != 200 && status != 204) {
            LOG.warnf("worker %s answered %d to %s: %s", worker.id(), status, response.request().uri().getPath(), response.body());
            throw unavailable(worker, room, "it answered " + status);
        }
        try {
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw unavailable(worker, room, "its answer was not JSON");
        }
    }

    private <T> T read(JsonNode node, JavaType type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "The worker's answer could not be read; retry shortly"), RETRY_AFTER);
        }
    }

    private HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String detail(String body, String fallback) {
        try {
            JsonNode problem = json.readTree(body);
            return problem.path("detail").isTextual() ? problem.get("detail").asText() : fallback;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static ProblemException unavailable(Worker worker, String room, String why) {
        LOG.warnf("worker %s (room %s) unreachable for control: %s", worker.id(), room, why);
        return new ProblemException(Problem.of(ProblemType.UNAVAILABLE,
                "The media server hosting room " + room + " cannot be reached right now; retry after the delay in Retry-After"),
                RETRY_AFTER);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
