package io.cpaas.sfu.sdk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.ServiceProcess;
import io.cpaas.sfu.support.Tenants;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker dies (SIGKILL) in the middle of a call: room-service notices the missed heartbeats and
 * releases the room, and the browser SDK joins again through room-service, lands on the other
 * worker, republishes and resubscribes by itself. Two packaged workers
 * (target/quarkus-app/quarkus-run.jar) run as processes beside the real control plane; the
 * browser side is src/test/browser/sdk-call.mjs (scenario failover).
 */
class WorkerFailoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src", "test", "browser", "sdk-call.mjs");
    private static ControlPlane controlPlane;
    private static final List<ServiceProcess> workers = new ArrayList<>();
    private static final int ROUNDS = Integer.getInteger("cpaas.sdk.failover-rounds", 3);

    @BeforeAll
    static void startPlatform() {
        controlPlane = new ControlPlane();
        controlPlane.start(); // tenant-service and room-service; the in-process worker settings it answers are unused
        workers.add(startWorker("failover-a"));
        workers.add(startWorker("failover-b"));
    }

    @AfterAll
    static void stopPlatform() {
        workers.forEach(ServiceProcess::kill);
        if (controlPlane != null) {
            controlPlane.stop();
        }
    }

    @Test
    void whenTheRoomsWorkerIsKilledTheRoomComesBackOnTheOtherWorkerWithMedia() throws Exception {
        Tenants tenant = Tenants.create("SDK failover");
        List<Long> mediaBackMs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String room = "sdk-failover-" + round;
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("roomUrl", ControlPlane.roomUrl());
            options.put("scenario", "failover");
            options.put("tokens", List.of(tenant.token(room, "user0"), tenant.token(room, "user1")));
            options.put("timeoutMs", 30_000);
            Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String last = "";
            String killed = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("READY") && killed == null) {
                        killed = workerOf(tenant, room);
                        worker(killed).kill();
                    } else if (!line.isBlank()) {
                        last = line;
                    }
                }
            }
            if (!process.waitFor(150, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the SDK browser test did not finish in 150 s");
            }
            System.out.println("sdk failover round " + round + " (killed " + killed + "): " + last);
            JsonNode result = JSON.readTree(last.isEmpty() ? "{}" : last);
            assertEquals(0, process.exitValue(), last);
            assertTrue(result.path("ok").asBoolean(), last);
            assertNotEquals(killed, workerOf(tenant, room), "the room moved to the surviving worker");
            mediaBackMs.add(result.path("mediaBackMs").asLong());
            // The killed worker comes back (it registers again) for the next round's kill.
            workers.remove(worker(killed));
            workers.add(startWorker(killed));
        }
        List<Long> sorted = mediaBackMs.stream().sorted().toList();
        System.out.println("sdk media back after the room's worker was killed, ms: " + mediaBackMs + ", median "
                + sorted.get(sorted.size() / 2));
    }

    private static ServiceProcess worker(String id) {
        return workers.stream().filter(w -> w.name().equals(id)).findFirst().orElseThrow();
    }

    private static String workerOf(Tenants tenant, String room) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key())
                .get("/v1/rooms/" + room).then().statusCode(200).extract().path("workerId");
    }

    /** A packaged worker run as a process of its own, so that it can be killed. */
    private static ServiceProcess startWorker(String id) {
        int httpPort = ServiceProcess.freePort();
        int udpPort = ServiceProcess.freePort();
        return ServiceProcess.startWorker(id, httpPort, Map.of(
                "CPAAS_WORKER_ID", id,
                "CPAAS_ROOM_URL", ControlPlane.roomUrl(),
                "CPAAS_CLUSTER_SECRET", ControlPlane.CLUSTER_SECRET,
                "CPAAS_WORKER_SIGNAL_URL", "ws://127.0.0.1:" + httpPort + "/rtc",
                "CPAAS_WORKER_UDP_PORT", String.valueOf(udpPort),
                "CPAAS_WORKER_ANNOUNCED_ADDRESSES", "127.0.0.1:" + udpPort));
    }
}
