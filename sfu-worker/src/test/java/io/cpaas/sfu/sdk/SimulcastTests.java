package io.cpaas.sfu.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Simulcast end to end: the SDK publishes a camera in three layers in real Chromium, two SDK
 * subscribers ask for different qualities through this worker, and dynacast pauses and resumes
 * the publisher's layers (src/test/browser/sdk-simulcast.mjs). The worker's downlink estimates of
 * the subscribers are read while the call runs.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
public class SimulcastTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src", "test", "browser", "sdk-simulcast.mjs");

    @Inject
    RoomRegistry rooms;
    @Inject
    MediaRouter media;

    @Test
    void subscribersGetTheLayerTheyAskForSwitchWithoutFreezingAndUnwatchedLayersArePaused() throws Exception {
        Tenants tenant = Tenants.create("SDK simulcast");
        String room = "sdk-simulcast";
        List<String> tokens = List.of(tenant.token(room, "publisher"), tenant.token(room, "first"), tenant.token(room, "second"));
        Map<String, Long> estimates = new LinkedHashMap<>();
        long feedbackBefore = media.counters().transportCcFeedbackReceived();
        long switchesBefore = media.counters().layerSwitches();

        JsonNode result = run(Map.of("tokens", tokens), (command, body) -> {
            Room live = rooms.find(tenant.id(), room).orElseThrow();
            for (JsonNode identity : body.path("identities")) {
                Participant participant = live.byIdentity(identity.asText()).orElseThrow();
                estimates.put(identity.asText(), media.downlinkEstimate(participant));
            }
        });

        System.out.println("simulcast: " + result + "; downlink estimates " + estimates);
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertEquals(2, estimates.size(), "the page asked for the estimates: " + estimates);
        // Loopback carries far more than the three layers: the estimate must not have collapsed.
        estimates.forEach((identity, estimate) -> assertTrue(estimate >= 1_500_000,
                identity + "'s downlink estimate on loopback is " + estimate + " b/s"));
        assertTrue(media.counters().transportCcFeedbackReceived() > feedbackBefore, "subscribers sent transport-cc feedback");
        assertTrue(media.counters().layerSwitches() > switchesBefore, "the subscribers switched layers");
        assertTrue(media.counters().layersPaused() > 0 && media.counters().layersResumed() > 0, "dynacast paused and resumed layers");
    }

    /**
     * Runs src/test/browser/sdk-simulcast.mjs with {@code extra} options; every {@code CMD <name> <json>}
     * line it prints goes to {@code onCommand}, and the script is told when that is done. Answers the
     * result line.
     */
    static JsonNode run(Map<String, Object> extra, java.util.function.BiConsumer<String, JsonNode> onCommand) throws Exception {
        Map<String, Object> options = new LinkedHashMap<>(extra);
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("timeoutMs", 20_000);
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             java.io.Writer answers = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("CMD ")) {
                    String[] parts = line.split(" ", 3);
                    try {
                        onCommand.accept(parts[1], JSON.readTree(parts[2]));
                    } finally {
                        answers.write("done\n");
                        answers.flush();
                    }
                } else if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (!process.waitFor(200, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the simulcast browser test did not finish in 200 s");
        }
        System.out.println("sdk-simulcast: " + last);
        assertEquals(0, process.exitValue(), last);
        return JSON.readTree(last.isEmpty() ? "{}" : last);
    }
}
