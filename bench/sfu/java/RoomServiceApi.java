import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The real join flow, as a customer back end and the SDK do it: create the room, mint a room token
 * with the tenant's API key, then POST /v1/rtc/join with that token for the worker's signaling URL
 * and a join ticket.
 */
final class RoomServiceApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String basicAuth;

    /** @param apiKey "keyId:secret" */
    RoomServiceApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a room (mode conference or broadcast) big enough for everyone; an existing room of that name is fine. */
    void createRoom(String room, String mode, int maxParticipants) throws IOException {
        HttpResponse<String> response = post("/v1/rooms", basicAuth,
                Map.of("name", room, "mode", mode, "maxParticipants", maxParticipants));
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IOException("creating room " + room + ": " + response.statusCode() + " " + response.body());
        }
    }

    String mintToken(String room, String identity, boolean publish) throws IOException {
        HttpResponse<String> response = post("/v1/rooms/" + room + "/tokens", basicAuth,
                Map.of("identity", identity, "grants", Map.of("publish", publish, "subscribe", true)));
        return field(response, 201, "token", "minting a token for " + identity);
    }

    /** The join answer: signalUrl, ticket, iceServers, participant. */
    JsonNode join(String token) throws IOException {
        HttpResponse<String> response = post("/v1/rtc/join", "Bearer " + token, null);
        if (response.statusCode() != 200) {
            throw new IOException("POST /v1/rtc/join: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    void deleteRoom(String room) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/rooms/" + room)).header("Authorization", basicAuth)
                    .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException ignored) {
            // rooms of a bench database are dropped with it
        }
    }

    /**
     * A 503 is retried for up to 30 s: room-service says so when no worker has registered yet (the bench
     * worker registers just after it starts) or when tenant-service is slow to check the key.
     */
    private HttpResponse<String> post(String path, String authorization, Object body) throws IOException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> response = postOnce(path, authorization, body);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            response = postOnce(path, authorization, body);
        }
        return response;
    }

    private HttpResponse<String> postOnce(String path, String authorization, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String field(HttpResponse<String> response, int status, String name, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path(name).asText();
    }
}
