package io.cpaas.room.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the tenant console's scenarios (tenant-service/src/test/browser/&lt;name&gt;.mjs) in real Chromium: the scenario gets its
 * input as JSON, signs in through Keycloak's real login page, saves a screenshot of every page it
 * sees under target/screenshots and prints one JSON line with what it found.
 */
public final class ConsoleBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 180;

    private ConsoleBrowser() {
    }

    public static JsonNode run(String scenario, Map<String, Object> input) {
        Path script = Path.of("..", "tenant-service", "src", "test", "browser", scenario + ".mjs");
        try {
            Path screenshots = Path.of("target", "screenshots", "console").toAbsolutePath();
            Files.createDirectories(screenshots);
            Path output = Files.createTempFile("console-" + scenario, ".json");
            Process process = new ProcessBuilder("node", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(output.toFile())
                    .start();
            Map<String, Object> withDefaults = new java.util.HashMap<>(input);
            withDefaults.putIfAbsent("screenshots", screenshots.toString());
            process.getOutputStream().write(JSON.writeValueAsBytes(withDefaults));
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(scenario + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String answer = Files.readString(output, StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(output);
            if (process.exitValue() != 0 || answer.isEmpty()) {
                throw new AssertionError(scenario + " failed (exit " + process.exitValue() + "): " + answer);
            }
            return accessible(JSON.readTree(answer.substring(answer.lastIndexOf('\n') + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + scenario);
        }
    }

    /** Every page a scenario showed was checked by axe-core (console-lib.mjs): none may have a serious problem. */
    private static JsonNode accessible(JsonNode result) {
        List<String> problems = new ArrayList<>();
        result.path("accessibility").fields().forEachRemaining(page ->
                page.getValue().forEach(problem -> problems.add(page.getKey() + ": " + problem.asText())));
        if (!problems.isEmpty()) {
            throw new AssertionError("accessibility problems in the console's pages:\n" + String.join("\n", problems));
        }
        return result;
    }
}
