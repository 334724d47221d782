package io.cpaas.tenant.console.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.config.TenantServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console's calls to room-service's internal console API (cluster secret). Callers have already
 * checked that the signed-in user may see the tenant they name; room-service scopes every answer
 * to that tenant. room-service's problems come back as the same {@link ProblemException}.
 */
@ApplicationScoped
public class RoomServiceClient {

    private static final String CLUSTER_SECRET_HEADER = "X-Cluster-Secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json;
    private final String baseUrl;
    private final String clusterSecret;

    public RoomServiceClient(TenantServiceConfig config, ObjectMapper json) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.baseUrl = config.console().roomServiceUrl().replaceAll("/+$", "");
        this.clusterSecret = config.clusterSecret();
    }

    public <T> T get(String path, Map<String, String> query, Class<T> type) {
        return read(send(HttpRequest.newBuilder(uri(path, query)).GET()), type);
    }

    public <T> T post(String path, Class<T> type) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(path, Map.of())).POST(HttpRequest.BodyPublishers.noBody()));
        return type == Void.class ? null : read(response, type);
    }

    /** A path segment as it must appear in a URL (tenant ids, room names, delivery ids). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Query parameters, dropping the absent ones. */
    public static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
                query.put(pairs[i], pairs[i + 1]);
            }
        }
        return query;
    }

    private URI uri(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.header(CLUSTER_SECRET_HEADER, clusterSecret).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable("room-service is not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking room-service");
        }
        if (response.statusCode() >= 400) {
            throw problemOf(response);
        }
        return response;
    }

    private ProblemException problemOf(HttpResponse<byte[]> response) {
        try {
            Problem problem = json.readValue(response.body(), Problem.class);
            if (problem.status() == response.statusCode() && problem.status() < 500) {
                return new ProblemException(problem, null);
            }
        } catch (IOException | RuntimeException notAProblem) {
            // falls through: room-service answered something we do not pass on
        }
        return unavailable("room-service answered " + response.statusCode());
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw unavailable("room-service answered something unreadable");
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "Room data is unavailable right now (" + why + "); retry shortly"),
                Duration.ofSeconds(1));
    }
}
