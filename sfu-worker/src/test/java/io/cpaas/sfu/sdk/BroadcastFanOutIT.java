package io.cpaas.sfu.sdk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.ServiceProcess;
import io.cpaas.sfu.support.Tenants;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broadcast over three packaged workers run as processes: the origin, where the host publishes,
 * and two edges, which room-service fills with two viewers each (cpaas.broadcast.viewers-per-edge
 * is 2 in these tests) and which relay the host's tracks from the origin. Every viewer decodes the
 * host, the host sees every viewer, the room's participant list spans the three workers, and the
 * origin sends each packet once per edge (its metrics), not once per viewer. Then one edge is
 * killed (SIGKILL): its viewers join again onto the other edge while that edge's viewers never stop
 * decoding. The browser side (one Chromium, a page per participant) is sdk-call.mjs, scenario broadcast.
 */
class BroadcastFanOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src", "test", "browser", "sdk-call.mjs");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ControlPlane controlPlane;
    private static final Map<String, Worker> workers = new LinkedHashMap<>();

    private record Worker(ServiceProcess process, int httpPort) {
        String url() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    @BeforeAll
    static void startControlPlane() {
        // Three worker JVMs, room-service and Chromium share the machine: 5 missed 1-s heartbeats (not 3)
        // before a worker counts as dead, so that a busy machine does not kill the origin by mistake.
        controlPlane = new ControlPlane(Map.of("CPAAS_POOL_MISSED_HEARTBEATS", "5"));
        controlPlane.start(); // tenant-service and room-service; the in-process worker settings it answers are unused
    }

    @AfterAll
    static void stopPlatform() {
        workers.values().forEach(w -> w.process().kill());
        if (controlPlane != null) {
            controlPlane.stop();
        }
    }

    @Test
    void viewersOnTwoEdgesDecodeTheHostAndAKilledEdgesViewersComeBackOnTheOther() throws Exception {
        Tenants tenant = Tenants.create("Broadcast fan-out");
        String room = "broadcast-fanout";
        given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key()).contentType("application/json")
                .body(Map.of("name", room, "mode", "broadcast")).post("/v1/rooms").then().statusCode(201);
        startWorker("bc-origin"); // alone, so that the host's join places the room here
        List<String> viewers = List.of("viewer0", "viewer1", "viewer2", "viewer3");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("scenario", "broadcast");
        options.put("hostToken", tenant.token(room, "host"));
        options.put("viewerTokens", viewers.stream().map(v -> tenant.token(room, Map.of("identity", v, "grants", Map.of("publish", false)))).toList());
        options.put("timeoutMs", 30_000);
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = "";
        String killed = null;
        Map<String, Set<String>> after = Map.of();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("HOST_READY")) {
                    assertEquals("bc-origin", workerOf(tenant, room), "the host's room runs on the origin");
                    startWorker("bc-edge-a");
                    startWorker("bc-edge-b");
                    commands.write("GO\n");
                    commands.flush();
                } else if (line.equals("READY") && killed == null) {
                    Map<String, Set<String>> placed = viewersByWorker(tenant, room);
                    System.out.println("broadcast viewers by worker: " + placed);
                    assertEquals(Set.of("host"), placed.get("bc-origin"), "only the host is on the origin");
                    assertEquals(2, placed.get("bc-edge-a").size(), "two viewers on each edge: " + placed);
                    assertEquals(2, placed.get("bc-edge-b").size(), "two viewers on each edge: " + placed);
                    assertListedEverywhere(tenant, room, viewers);
                    assertOriginSendsOncePerEdge();
                    killed = "bc-edge-a";
                    workers.get(killed).process().kill();
                    commands.write("KILLED " + String.join(",", placed.get(killed)) + "\n");
                    commands.flush();
                } else if (line.equals("RECOVERED")) {
                    after = viewersByWorker(tenant, room); // before the script ends and everyone leaves
                    commands.write("DONE\n");
                    commands.flush();
                } else if (!line.isBlank()) {
                    last = line;
                }
            }
        } catch (IOException | RuntimeException | Error failure) {
            // The script waits for our next line: a failed check must not leave it and its Chromium running.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw failure;
        }
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the broadcast browser test did not finish in 240 s");
        }
        System.out.println("broadcast fan-out: " + last);
        JsonNode result = JSON.readTree(last.isEmpty() ? "{}" : last);
        assertEquals(0, process.exitValue(), last);
        assertTrue(result.path("ok").asBoolean(), last);
        System.out.println("after the edge was killed, viewers by worker: " + after + "; recovery ms " + result.path("recoveryMs")
                + ", longest stall of the other edge's viewers ms " + result.path("longestStallMs"));
        assertEquals(Set.copyOf(viewers), after.get("bc-edge-b"), "every viewer is on the surviving edge: " + after);
    }

    /** The room's participants as each worker's control API lists them (relayed mirrors are not listed). */
    private static Map<String, Set<String>> viewersByWorker(Tenants tenant, String room) throws Exception {
        Map<String, Set<String>> placed = new LinkedHashMap<>();
        for (Map.Entry<String, Worker> worker : workers.entrySet()) {
            if (!worker.getValue().process().isAlive()) {
                continue;
            }
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(worker.getValue().url() + "/internal/v1/rooms/"
                    + tenant.id() + "/" + room + "/participants")).header("X-Cluster-Secret", ControlPlane.CLUSTER_SECRET).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            Set<String> identities = new HashSet<>();
            JSON.readTree(answer.body()).path("items").forEach(p -> identities.add(p.path("identity").asText()));
            placed.put(worker.getKey(), identities);
        }
        return placed;
    }

    /** room-service's participant list covers every worker of the room. */
    private static void assertListedEverywhere(Tenants tenant, String room, List<String> viewers) {
        List<String> listed = given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key())
                .get("/v1/rooms/" + room + "/participants").then().statusCode(200).extract().jsonPath().getList("items.identity");
        List<String> expected = new ArrayList<>(viewers);
        expected.add("host");
        assertEquals(Set.copyOf(expected), Set.copyOf(listed), "the list spans the origin and both edges");
        assertEquals(expected.size(), listed.size(), "each participant once: " + listed);
    }

    /**
     * Over 10 s, the origin relays each forwardable packet it receives once per edge (2), though
     * four viewers receive it; it sends nothing to browsers itself (no viewer there).
     */
    private static void assertOriginSendsOncePerEdge() throws Exception {
        Map<String, Double> before = metrics(workers.get("bc-origin"));
        Thread.sleep(10_000);
        Map<String, Double> after = metrics(workers.get("bc-origin"));
        double received = delta(before, after, "cpaas_worker_rtp_packets_in_total") - delta(before, after, "cpaas_worker_rtp_unforwardable_total");
        double relayed = delta(before, after, "cpaas_worker_relay_packets_out_total");
        double toBrowsers = delta(before, after, "cpaas_worker_rtp_packets_out_total");
        double perPacket = relayed / received;
        System.out.printf("origin over 10 s: %.0f forwardable packets in, %.0f relayed to edges (%.2f per packet, 2 edges, 4 viewers), %.0f to browsers%n",
                received, relayed, perPacket, toBrowsers);
        assertTrue(received > 100, "the host's media reaches the origin: " + received);
        // A scrape reads the relay counters before the RTP ones, and a loaded machine can stretch it: packets
        // arriving in between make the ratio wobble around 2 (1.91 seen over 5 s), less over a longer window.
        assertTrue(perPacket > 1.9 && perPacket < 2.1, "once per edge, not per viewer: " + perPacket);
        assertEquals(0, toBrowsers, "no viewer is on the origin");
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+)$");

    /** The worker's Prometheus counters, summed over their tags. */
    private static Map<String, Double> metrics(Worker worker) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(worker.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (sample.matches()) {
                values.merge(sample.group(1), Double.parseDouble(sample.group(3)), Double::sum);
            }
        }
        return values;
    }

    private static String workerOf(Tenants tenant, String room) {
        return given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key())
                .get("/v1/rooms/" + room).then().statusCode(200).extract().path("workerId");
    }

    private static void startWorker(String id) {
        int httpPort = ServiceProcess.freePort();
        int udpPort = ServiceProcess.freePort();
        ServiceProcess process = ServiceProcess.startWorker(id, httpPort, Map.of(
                "CPAAS_WORKER_ID", id,
                "CPAAS_ROOM_URL", ControlPlane.roomUrl(),
                "CPAAS_CLUSTER_SECRET", ControlPlane.CLUSTER_SECRET,
                "CPAAS_WORKER_SIGNAL_URL", "ws://127.0.0.1:" + httpPort + "/rtc",
                "CPAAS_WORKER_UDP_PORT", String.valueOf(udpPort),
                "CPAAS_WORKER_ANNOUNCED_ADDRESSES", "127.0.0.1:" + udpPort));
        workers.put(id, new Worker(process, httpPort));
    }
}
