package io.cpaas.sfu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The SFU load tool of bench/sfu (docs/benchmarks.md) in its smoke mode, so that it never rots: compiled
 * here against this module's classes, run for a few seconds against this worker through the real
 * room-service, and its JSON report checked for media that really went through (one publisher, two
 * subscribers, every stream received). The figures are not asserted: speed is the benchmark's business.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
public class SfuLoadSmokeTests {

    private static final Path SOURCES = Path.of("..", "bench", "sfu", "java");
    private static final Path CLASSES = Path.of("target", "bench-classes");

    @Test
    void theLoadToolJoinsPublishesAndMeasuresMediaThroughThisWorker() throws Exception {
        String classpath = System.getProperty("java.class.path");
        compile(classpath);
        Tenants tenant = Tenants.create("bench smoke");
        String apiKey = new String(Base64.getDecoder().decode(tenant.key().substring("Basic ".length())), StandardCharsets.UTF_8);
        Path json = Path.of("target", "sfu-load-smoke.json");
        Files.deleteIfExists(json);
        Process tool = new ProcessBuilder("java", "-Xmx256m", "-cp", CLASSES.toAbsolutePath() + File.pathSeparator + classpath, "SfuLoad",
                "--room-url=" + ControlPlane.roomUrl(), "--api-key=" + apiKey, "--worker-pid=" + ProcessHandle.current().pid(),
                "--rooms=1", "--publishers=1", "--subscribers=2", "--seconds=3", "--warmup=1", "--quiet", "--json=" + json.toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "sfu-load-smoke.log").toFile()).start();
        assertTrue(tool.waitFor(180, TimeUnit.SECONDS), "the load tool did not finish within 180 s (target/sfu-load-smoke.log)");
        assertEquals(0, tool.exitValue(), Files.readString(Path.of("target", "sfu-load-smoke.log")));

        JsonNode run = new ObjectMapper().readTree(json.toFile()).get(0);
        assertEquals(0, run.path("failedJoins").asInt(), run.toString());
        assertEquals(4, run.path("receivedStreams").asInt(), "audio and video for each of 2 subscribers: " + run);
        assertEquals(0, run.path("silentStreams").asInt(), run.toString());
        assertEquals(2, run.path("forwardedVideoStreams").asInt(), run.toString());
        // About 114 packets/s to each of 2 subscribers: anything close says media flowed end to end.
        assertTrue(run.path("receivedPacketsPerSecond").asDouble() > 100, run.toString());
        assertTrue(run.path("videoLatencyP50").asDouble() > 0, run.toString());
        assertTrue(run.path("serverCpuPercent").asDouble() > 0, "the worker's CPU is read from /proc: " + run);
    }

    private static void compile(String classpath) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Files.createDirectories(CLASSES);
        List<String> args = new ArrayList<>(List.of("-nowarn", "-d", CLASSES.toString(), "-cp", classpath));
        try (Stream<Path> files = Files.list(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "bench/sfu/java does not compile");
    }
}
