package io.cpaas.sfu.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo meeting app that deploy/local/up.sh serves (deploy/local/demo-server.mjs with the SDK
 * bundle), used in real Chromium as a person would: two tabs type a name and join, see each other
 * and chat. It mints tokens with a real tenant's API key at the real room-service.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class DemoAppTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SERVER = Path.of("..", "deploy", "local", "demo-server.mjs");
    private static final Path SCRIPT = Path.of("src", "test", "browser", "demo-app.mjs");

    @Test
    void twoPeopleJoinTheDemoMeetingByNameSeeEachOtherAndChat() throws Exception {
        Tenants tenant = Tenants.create("Demo");
        String pair = new String(Base64.getDecoder().decode(tenant.key().substring("Basic ".length())), StandardCharsets.UTF_8);
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("demo-server.log");
        ProcessBuilder builder = new ProcessBuilder("node", SERVER.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CPAAS_DEMO_PORT", String.valueOf(port));
        builder.environment().put("CPAAS_ROOM_URL", ControlPlane.roomUrl());
        builder.environment().put("CPAAS_DEMO_KEY", pair);
        Process server = builder.start();
        try {
            String demo = "http://127.0.0.1:" + port + "/";
            awaitUp(demo + "demo/config.json");
            Process browser = new ProcessBuilder("node", SCRIPT.toString(), demo).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "the browser script finished");
            JsonNode result = JSON.readTree(new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            for (JsonNode tab : result.path("tabs")) {
                assertEquals("in demo-test", tab.path("status").asText(), result.toString());
                assertEquals(2, tab.path("playing").asInt(), "own and the other's video playing: " + result);
            }
            assertTrue(result.path("chat").asText().contains(": " + HOSTILE_CHAT), result.toString());
            // Stored XSS: the second person's name and the chat line are HTML that runs script if rendered as markup.
            assertTrue(labelsOf(result.path("tabs").get(0)).contains(HOSTILE_NAME + " · camera"),
                    "the other person's name is shown as the text it is: " + result);
            for (JsonNode tab : result.path("after")) {
                assertEquals(0, tab.path("injected").asInt(), "no element came from a name or a message: " + result);
                assertTrue(tab.path("pwned").isNull(), "no script from a name or a message ran: " + result);
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The other person's name and a chat line, as an attacker would choose them (as in demo-app.mjs). */
    static final String HOSTILE_NAME = "<img src=x onerror=\"window.__pwned=1\">Bob";
    static final String HOSTILE_CHAT = "hello from alice <img src=x onerror=\"window.__pwned=2\"><script>window.__pwned=3</script>";

    private static java.util.List<String> labelsOf(JsonNode tab) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        tab.path("labels").forEach(label -> labels.add(label.asText()));
        return labels;
    }

    private static void awaitUp(String url) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo server did not come up at " + url);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
