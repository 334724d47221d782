import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Janus's HTTP API (REST with long polling): one session, many plugin handles. Synchronous answers
 * come back on the POST; asynchronous events (a plugin's answer with its JSEP) arrive on the session's
 * long poll, which one thread runs and hands to the request that waits for that transaction.
 */
final class JanusApi implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final long session;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean open = true;

    JanusApi(String baseUrl) throws IOException {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        JsonNode created = post(this.baseUrl, request("create"));
        session = created.path("data").path("id").asLong();
        poller = new Thread(this::poll, "janus-poll");
        poller.setDaemon(true);
        poller.start();
    }

    /** GET /janus/info: the server's version and settings (local-ip among them). */
    JsonNode info() throws IOException {
        try {
            return RoomServiceApi.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/info")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Attaches a new handle of the plugin to the session. */
    long attach(String plugin) throws IOException {
        ObjectNode attach = request("attach");
        attach.put("plugin", plugin);
        return post(baseUrl + "/" + session, attach).path("data").path("id").asLong();
    }

    /** A plugin request answered at once (e.g. VideoRoom's create): the plugin's data. */
    JsonNode syncMessage(long handle, Map<String, Object> body) throws IOException {
        ObjectNode message = request("message");
        message.set("body", RoomServiceApi.JSON.valueToTree(body));
        JsonNode answer = post(baseUrl + "/" + session + "/" + handle, message);
        return answer.path("plugindata").path("data");
    }

    /** A plugin request answered by an event (join, publish, start): the whole event, JSEP included. */
    JsonNode asyncMessage(long handle, Map<String, Object> body, Map<String, Object> jsep, Duration within) throws IOException {
        ObjectNode message = request("message");
        message.set("body", RoomServiceApi.JSON.valueToTree(body));
        if (jsep != null) {
            message.set("jsep", RoomServiceApi.JSON.valueToTree(jsep));
        }
        String transaction = message.path("transaction").asText();
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        waiting.put(transaction, event);
        try {
            JsonNode ack = post(baseUrl + "/" + session + "/" + handle, message);
            if (!"ack".equals(ack.path("janus").asText()) && !"event".equals(ack.path("janus").asText())) {
                throw new IOException("Janus refused " + body + ": " + ack);
            }
            if ("event".equals(ack.path("janus").asText())) {
                return ack;
            }
            JsonNode answer = event.get(within.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode error = answer.path("plugindata").path("data").path("error");
            if (!error.isMissingNode()) {
                throw new IOException("Janus VideoRoom: " + error.asText());
            }
            return answer;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer from Janus to " + body.get("request") + " within " + within.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            throw new IOException("waiting for Janus: " + e, e);
        } finally {
            waiting.remove(transaction);
        }
    }

    void keepAlive() {
        try {
            post(baseUrl + "/" + session, request("keepalive"));
        } catch (IOException ignored) {
            // the long poll keeps the session alive as well
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            post(baseUrl + "/" + session, request("destroy"));
        } catch (IOException ignored) {
            // Janus times the session out
        }
        poller.interrupt();
    }

    private void poll() {
        while (open) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + session + "?maxev=20"))
                        .timeout(Duration.ofSeconds(45)).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode events = RoomServiceApi.JSON.readTree(response.body());
                if (events.isArray()) {
                    events.forEach(this::dispatch);
                } else {
                    dispatch(events);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (open) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    private void dispatch(JsonNode event) {
        CompletableFuture<JsonNode> waiter = waiting.get(event.path("transaction").asText(""));
        if (waiter != null && "event".equals(event.path("janus").asText())) {
            waiter.complete(event);
        }
    }

    private static ObjectNode request(String kind) {
        ObjectNode node = RoomServiceApi.JSON.createObjectNode();
        node.put("janus", kind);
        node.put("transaction", UUID.randomUUID().toString());
        return node;
    }

    private JsonNode post(String url, ObjectNode body) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = RoomServiceApi.JSON.readTree(response.body());
            if ("error".equals(answer.path("janus").asText())) {
                throw new IOException("Janus: " + answer.path("error"));
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
