package io.cpaas.sfu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real Chromium driven command by command (src/test/browser/session.mjs), so that a test can act on
 * a call through room-service while the browsers are in it and then look at what they saw. Every
 * command has a deadline; closing the session ends the browser.
 */
public final class BrowserSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src", "test", "browser", "session.mjs");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private BrowserSession(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    answers.add(line);
                }
            } catch (IOException ignored) {
                // the browser went away; the next command times out with a clear message
            }
        }, "browser-session-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static BrowserSession start() {
        try {
            return new BrowserSession(new ProcessBuilder("node", SCRIPT.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + SCRIPT, e);
        }
    }

    /** Opens a tab that joins with the token (publishing the fake camera and microphone unless told not to). */
    public JsonNode open(String name, String token, boolean publish) {
        return send("open", Map.of("name", name, "roomUrl", ControlPlane.roomUrl(), "token", token, "publish", publish));
    }

    /** Waits until the tab decodes video and hears audio from {@code remotes} others. */
    public JsonNode awaitMedia(String name, int remotes) {
        return send("awaitMedia", Map.of("name", name, "remotes", remotes, "timeoutMs", 20_000));
    }

    /** Waits for a frame of the type whose fields (dotted paths) have the given values; answers it. */
    public JsonNode awaitMessage(String name, String type, Map<String, Object> where) {
        return send("awaitMessage", Map.of("name", name, "type", type, "where", where, "timeoutMs", 5_000));
    }

    /** Waits for the tab's signaling socket to close; answers {code, reason, at (epoch ms)}. */
    public JsonNode awaitClose(String name) {
        return send("awaitClose", Map.of("name", name, "timeoutMs", 5_000));
    }

    /** Frames decoded so far per received video track sid. */
    public JsonNode videoFrames(String name) {
        return send("videoFrames", Map.of("name", name));
    }

    /** Sends a signaling frame from the tab as it is. */
    public void sendFrame(String name, Map<String, Object> message) {
        send("send", Map.of("name", name, "message", message));
    }

    public JsonNode stats(String name) {
        return send("stats", Map.of("name", name));
    }

    private synchronized JsonNode send(String command, Map<String, Object> arguments) {
        Map<String, Object> line = new LinkedHashMap<>(arguments);
        line.put("cmd", command);
        try {
            commands.write(JSON.writeValueAsString(line) + "\n");
            commands.flush();
            String answer = answers.poll(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                throw new AssertionError("browser did not answer '" + command + "' within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            JsonNode parsed = JSON.readTree(answer);
            if (!parsed.path("ok").asBoolean()) {
                throw new AssertionError("browser command '" + command + "' failed: " + parsed.path("error").asText());
            }
            return parsed.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException("browser session broke during '" + command + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during '" + command + "'");
        }
    }

    @Override
    public void close() {
        try {
            commands.write("{\"cmd\":\"quit\"}\n");
            commands.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
