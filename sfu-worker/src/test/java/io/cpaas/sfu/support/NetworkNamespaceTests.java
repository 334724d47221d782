package io.cpaas.sfu.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.NetworkNamespace.Direction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test namespaces do what they claim: UDP probes from inside (src/test/netns/udp-probe.py) to
 * an echo socket on the host side, through a clean link, loss, delay, an outage and a rate limit.
 */
class NetworkNamespaceTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROBE = Path.of("src", "test", "netns", "udp-probe.py");

    private static NetworkNamespace network;
    private static DatagramSocket echo;

    @BeforeAll
    static void createNamespaceAndEchoSocket() throws SocketException {
        network = NetworkNamespace.create();
        echo = new DatagramSocket(new InetSocketAddress(network.hostAddress(), 0));
        Thread echoing = new Thread(() -> {
            byte[] buffer = new byte[2048];
            while (!echo.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    echo.receive(packet);
                    echo.send(packet);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "netns-echo");
        echoing.setDaemon(true);
        echoing.start();
    }

    @AfterAll
    static void removeNamespace() {
        if (echo != null) {
            echo.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @AfterEach
    void cleanLink() {
        network.clear();
    }

    @Test
    void aCleanLinkCarriesEveryProbeToTheHostAndBack() throws Exception {
        JsonNode probes = echoProbes(100, 10);
        assertEquals(100, probes.path("received").asInt(), probes.toString());
        assertTrue(network.address().startsWith("10.213.") && !network.address().equals(network.hostAddress()));
    }

    @Test
    void lossDropsAboutTheShareAskedForInEachDirection() throws Exception {
        network.impair(Direction.BOTH, 20, Duration.ZERO);
        JsonNode probes = echoProbes(400, 5);
        // Both ways at 20 %: 64 % come back; 400 probes put ±5 standard deviations within 0.52-0.76.
        double share = probes.path("received").asDouble() / 400;
        assertTrue(share > 0.52 && share < 0.76, "share back " + share);
    }

    @Test
    void delayHoldsEveryPacketInEachDirection() throws Exception {
        network.impair(Direction.BOTH, 0, Duration.ofMillis(100));
        JsonNode probes = echoProbes(30, 20);
        assertEquals(30, probes.path("received").asInt(), probes.toString());
        for (JsonNode rtt : probes.path("rtts")) {
            assertTrue(rtt.asDouble() >= 199, "a round trip shorter than 2 × 100 ms: " + probes.path("rtts"));
        }
    }

    @Test
    void anOutageDropsEverythingThenLiftsByItself() throws Exception {
        // 100 probes over 5 s; the outage of 2 s starts once the first probes went out.
        JsonNode probes = echoProbes(100, 50, () -> network.outage(Duration.ofSeconds(2)));
        JsonNode back = probes.path("back");
        int longestLoss = 0;
        for (int i = 0, run = 0; i < back.size(); i++) {
            run = back.get(i).asBoolean() ? 0 : run + 1;
            longestLoss = Math.max(longestLoss, run);
        }
        // 2 s is 40 probes; a loaded machine stretches the probes' pace, not the outage's end.
        assertTrue(longestLoss >= 25 && longestLoss <= 45, "longest run of lost probes " + longestLoss + ": " + back);
        for (int i = 85; i < 100; i++) {
            assertTrue(back.get(i).asBoolean(), "probe " + i + " lost after the outage: " + back);
        }
    }

    @Test
    void aRateLimitCapsWhatReachesTheNamespaceAndLiftingItRestoresIt() throws Exception {
        network.limitRate(Direction.DOWN, 400);
        // 1,000 datagrams of 1,000 bytes sent at once: 400 kbit/s lets about 50 kB a second through.
        int limited = sinkReceives(1000);
        network.clearRate(Direction.DOWN);
        int clean = sinkReceives(200);
        assertTrue(limited > 0 && limited < 250, "received through 400 kbit/s: " + limited);
        assertTrue(clean >= 180, "received without the limit: " + clean + " of 200 (a loaded machine may drop a few on the host side)");
    }

    @Test
    void closingRemovesTheNamespaceAndItsDevices() {
        NetworkNamespace other = NetworkNamespace.create();
        String name = other.name();
        assertNotEquals(network.hostAddress(), other.hostAddress());
        other.close();
        assertTrue(run("ip", "netns", "list").lines().map(line -> line.split(" ")[0]).noneMatch(name::equals));
        assertFalse(run("ip", "-o", "link", "show").contains(name + "-h"));
    }

    private static JsonNode echoProbes(int count, int intervalMs) throws IOException, InterruptedException {
        return echoProbes(count, intervalMs, () -> { });
    }

    /** Runs {@code count} echo probes from inside; {@code whenStarted} runs once the probe is under way. */
    private static JsonNode echoProbes(int count, int intervalMs, Runnable whenStarted) throws IOException, InterruptedException {
        List<String> command = network.inside(NetworkNamespace.PYTHON, PROBE.toString(), "echo", network.hostAddress(),
                String.valueOf(echo.getLocalPort()), String.valueOf(count), String.valueOf(intervalMs));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("started", lines.readLine());
            Thread.sleep(intervalMs * 5L);
            whenStarted.run();
            if (!process.waitFor(count * intervalMs / 1000 + 20, TimeUnit.SECONDS)) {
                throw new AssertionError("the probe did not finish");
            }
            return JSON.readTree(lines.readLine());
        } finally {
            process.destroyForcibly();
        }
    }

    /** Sends {@code count} datagrams of 1,000 bytes at once from the host to a sink inside; answers how many arrived. */
    private static int sinkReceives(int count) throws IOException, InterruptedException {
        Process sink = new ProcessBuilder(network.inside(NetworkNamespace.PYTHON, PROBE.toString(), "sink", network.address(), "33100", "3"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(sink.getInputStream(), StandardCharsets.UTF_8));
                DatagramSocket sender = new DatagramSocket(new InetSocketAddress(network.hostAddress(), 0))) {
            assertEquals("ready", lines.readLine());
            byte[] payload = new byte[1000];
            InetAddress target = InetAddress.getByName(network.address());
            for (int i = 0; i < count; i++) {
                sender.send(new DatagramPacket(payload, payload.length, target, 33100));
                if (i % 50 == 49) {
                    Thread.sleep(1); // the host side's own queue would drop a longer burst before any limit applies
                }
            }
            if (!sink.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError("the sink did not finish");
            }
            return JSON.readTree(lines.readLine()).path("received").asInt();
        } finally {
            sink.destroyForcibly();
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
