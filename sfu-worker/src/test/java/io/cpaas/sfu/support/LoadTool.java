package io.cpaas.sfu.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The SFU load tool of bench/sfu, compiled against this module's classes and run as a separate
 * process against the worker under test, through the real room-service: a client that speaks the
 * worker's signaling, ICE, DTLS and SRTP and reports what its subscribers received.
 */
public final class LoadTool {

    private static final Path SOURCES = Path.of("..", "bench", "sfu", "java");
    private static final Path CLASSES = Path.of("target", "bench-classes");

    private LoadTool() {
    }

    /**
     * Runs the tool with {@code options} (as on its command line) for a new tenant of {@code label} and
     * answers its JSON report of the one run; its output is kept in target/{@code name}.log.
     */
    public static JsonNode run(String name, String label, String... options) throws Exception {
        String classpath = System.getProperty("java.class.path");
        compile(classpath);
        Tenants tenant = Tenants.create(label);
        String apiKey = new String(Base64.getDecoder().decode(tenant.key().substring("Basic ".length())), StandardCharsets.UTF_8);
        Path json = Path.of("target", name + ".json");
        Path log = Path.of("target", name + ".log");
        Files.deleteIfExists(json);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-cp", CLASSES.toAbsolutePath() + File.pathSeparator + classpath,
                "SfuLoad", "--room-url=" + ControlPlane.roomUrl(), "--api-key=" + apiKey, "--worker-pid=" + ProcessHandle.current().pid(),
                "--quiet", "--json=" + json.toAbsolutePath()));
        command.addAll(List.of(options));
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(tool.waitFor(180, TimeUnit.SECONDS), "the load tool did not finish within 180 s (" + log + ")");
        assertEquals(0, tool.exitValue(), Files.readString(log));
        return new ObjectMapper().readTree(json.toFile()).get(0);
    }

    private static synchronized void compile(String classpath) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Files.createDirectories(CLASSES);
        List<String> args = new ArrayList<>(List.of("-nowarn", "-d", CLASSES.toString(), "-cp", classpath));
        try (Stream<Path> files = Files.list(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "bench/sfu/java does not compile");
    }
}
