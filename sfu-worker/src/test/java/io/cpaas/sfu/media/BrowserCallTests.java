package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls in real Chromium (fake camera and microphone) through the real join flow: room-service
 * places the room on this worker, the browsers speak the signaling protocol from a plain
 * RTCPeerConnection page, and every participant must decode every other one's video and hear
 * their audio (getStats). The browser side is src/test/browser/call.mjs.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class BrowserCallTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    MediaRouter router;
    private static final Path SCRIPT = Path.of("src", "test", "browser", "call.mjs");

    @Test
    void twoParticipantsReceiveEachOthersAudioAndVideo() throws Exception {
        JsonNode result = call("pair", 2, Map.of());
        assertEquals(2, result.path("participants").size());
    }

    @Test
    void fourParticipantsEachReceiveTheThreeOthersAndALateJoinerGetsAPictureQuickly() throws Exception {
        JsonNode result = call("four", 4, Map.of("late", true));
        assertTrue(result.path("late").path("ok").asBoolean(), result.toString());
        // PLI on subscription: the late joiner does not wait for the publishers' periodic keyframes (tens
        // of seconds apart). The bound includes join, ICE and DTLS with five Chromiums on 2 cores (4.1 s seen).
        assertTrue(result.path("late").path("firstFrameMs").asLong() < 8000, "late joiner's first frame: " + result.path("late"));
    }

    @Test
    void aParticipantLeavingRemovesItsTracksFromEveryone() throws Exception {
        JsonNode result = call("leaving", 3, Map.of("leaveLast", true));
        for (JsonNode participant : result.path("afterLeave")) {
            assertTrue(participant.path("sawTrackUnpublished").asBoolean(), result.toString());
        }
    }

    /** The longest a received video stream may go without a new frame while the flood runs (15 fps camera). */
    static final long FLOOD_MAX_STALL_MS = 2_500;

    @Test
    void aFloodOfGarbageAndForeignStunDuringACallCostsNoFramesAndLeavesNoState() throws Exception {
        long droppedBefore = droppedByDemultiplexer();
        long unknownUfragBefore = router.dropped("UNKNOWN_UFRAG");
        long heapBefore = heapAfterGc();
        JsonNode result;
        long sent;
        long stunSent;
        // 2,000 datagrams/s from 32 unknown peers for the whole call (join, ICE, DTLS, then 10 s watched), at most 40 s.
        int connectionsBefore = router.connectionCount();
        int addressesBefore = router.latchedAddressCount();
        java.util.concurrent.atomic.AtomicInteger mostConnections = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostAddresses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            mostConnections.accumulateAndGet(router.connectionCount(), Math::max);
            mostAddresses.accumulateAndGet(router.latchedAddressCount(), Math::max);
        }, 0, 100, TimeUnit.MILLISECONDS);
        try (HostileDatagrams flood = HostileDatagrams.start(router.transport().localAddress().getPort(), 80_000, 2_000, 40_000)) {
            result = call("flooded", 2, Map.of("watchFrames", Map.of("ms", 10_000)));
            sent = flood.sent();
            stunSent = flood.stunSent();
        } finally {
            sampler.shutdownNow();
        }
        // Only the call's own peers got state: 2 participants x (publish + subscribe) connections, one address each.
        assertTrue(mostConnections.get() >= 4 && mostConnections.get() <= connectionsBefore + 4,
                "no connection for an unknown peer: at most " + mostConnections.get() + ", " + connectionsBefore + " before");
        assertTrue(mostAddresses.get() <= addressesBefore + 4,
                "no address latched for an unknown peer: at most " + mostAddresses.get() + ", " + addressesBefore + " before");
        System.out.printf("flood: %d datagrams (%d browser-like binding requests) during the call; frames %s%n", sent, stunSent,
                result.path("frames"));
        assertTrue(sent > 10_000, "the flood ran during the call: " + sent);
        for (JsonNode watched : result.path("frames")) {
            assertTrue(watched.path("maxStallMs").asLong() < FLOOD_MAX_STALL_MS, "video never froze for long: " + watched);
            // 10 s of a 15 fps camera: at least a third of the frames, or the flood cost quality.
            assertTrue(watched.path("framesInWindow").asLong() >= 50, "video kept decoding: " + watched);
        }
        assertTrue(droppedByDemultiplexer() - droppedBefore > sent / 2, "the flood was counted and dropped: "
                + (droppedByDemultiplexer() - droppedBefore) + " of " + sent);
        assertTrue(router.dropped("UNKNOWN_UFRAG") - unknownUfragBefore > stunSent / 2,
                "browser-like binding requests for unknown ufrags were dropped as such");
        long heapGrowth = heapAfterGc() - heapBefore;
        assertTrue(heapGrowth < 64L << 20, "heap after GC stayed bounded: grew " + (heapGrowth >> 20) + " MiB");
    }

    private long droppedByDemultiplexer() {
        return router.dropped("UNKNOWN_ADDRESS") + router.dropped("UNKNOWN_UFRAG") + router.dropped("UNKNOWN_CLASS")
                + router.dropped("MALFORMED_STUN");
    }

    private static long heapAfterGc() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void mediaCountersReachTheMetricsEndpoint() throws Exception {
        call("metered", 2, Map.of());
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("cpaas_worker_rtp_packets_out_total"), "metrics list forwarded packets");
        assertTrue(router.counters().rtpOut() > 100, "packets were forwarded: " + router.counters().rtpOut());
        assertTrue(router.counters().keyframeRequests() > 0, "subscribers' PLIs reached the publishers");
        for (String name : List.of("cpaas_worker_sender_reports_sent_total", "cpaas_worker_sender_reports_received_total",
                "cpaas_worker_receiver_reports_sent_total", "cpaas_worker_receiver_report_blocks_sent_total",
                "cpaas_worker_transport_cc_feedback_sent_total", "cpaas_worker_transport_cc_packets_recorded_total")) {
            assertTrue(metricValue(metrics, name) > 0, name + " is exported and counted: " + metricValue(metrics, name));
        }
        assertTrue(metricValue(metrics, "cpaas_worker_rtx_retransmissions_total") >= 0, "RTX resends are exported");
        assertTrue(metricValue(metrics, "cpaas_worker_udp_datagrams_sent_total") > router.counters().rtpOut() / 2,
                "the media socket's sends are exported: " + metricValue(metrics, "cpaas_worker_udp_datagrams_sent_total"));
        assertTrue(metricValue(metrics, "cpaas_worker_udp_send_failures_total") >= 0, "failed sends are exported");
        assertTrue(metricValue(metrics, "cpaas_worker_udp_handler_failures_total") >= 0, "handler failures are exported");
    }

    /** The value of an untagged metric in Prometheus text, -1 when it is not there. */
    private static double metricValue(String metrics, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void vp9ChosenByThePublisherIsForwardedAndDecoded() throws Exception {
        JsonNode result = call("vp9", 2, Map.of("videoCodec", Map.of("mimeType", "video/VP9", "fmtp", List.of("profile-id=0"))));
        assertEveryoneDecodes(result, "video/VP9");
    }

    @Test
    void h264WithPacketizationModeOneChosenByThePublisherIsForwardedAndDecoded() throws Exception {
        JsonNode result = call("h264", 2, Map.of("videoCodec",
                Map.of("mimeType", "video/H264", "fmtp", List.of("packetization-mode=1", "profile-level-id=42e01f"))));
        assertEveryoneDecodes(result, "video/H264");
    }

    /** Every participant decodes (and keeps decoding: {@link #call} checks frames grow) video of this codec. */
    private static void assertEveryoneDecodes(JsonNode result, String mimeType) {
        for (JsonNode participant : result.path("participants")) {
            JsonNode video = find(participant.path("inbound"), "video");
            assertEquals(mimeType, video.path("codec").asText(), participant.toString());
            assertTrue(video.path("framesDecoded").asLong() > 0, participant.toString());
        }
    }

    /** Chromium's default start bitrate: without congestion feedback a publisher's estimate stays about here. */
    static final long CHROMIUM_START_BITRATE = 300_000;

    @Test
    void senderAndReceiverReportsReachChromiumAndTransportCcRampsThePublishersEstimate() throws Exception {
        long srBefore = router.counters().senderReportsSent();
        long rrBefore = router.counters().receiverReportsSent();
        long twccBefore = router.counters().transportCcFeedbackSent();
        // 640x480 lets Chromium's VP8 target go up to 1.7 Mb/s; at 320x240 the encoder's 600 kb/s cap and its
        // undershoot keep the estimate (capped near 1.5 times what is acknowledged) low whatever the feedback.
        JsonNode result = call("quality", 2, Map.of("quality", Map.of("ms", 15_000, "settleMs", 3_000),
                "video", Map.of("width", 640, "height", 480, "frameRate", 30)));
        for (JsonNode watched : result.path("quality")) {
            System.out.printf("quality %s: estimate settled at %d b/s (max %d), video target %d b/s; estimates from publishing on %s%n",
                    watched.path("identity").asText(), watched.path("settledAvailableOutgoingBitrate").asLong(),
                    watched.path("maxAvailableOutgoingBitrate").asLong(), watched.path("settledTargetBitrate").asLong(),
                    watched.path("last").path("estimates"));
            String who = watched.path("identity").asText() + ": " + watched.path("last") + " bitrates " + watched.path("series");
            JsonNode last = watched.path("last");
            for (String kind : List.of("audio", "video")) {
                // A remote-outbound-rtp entry exists only once an SR for that SSRC arrived.
                assertTrue(find(last.path("remoteOutbound"), kind).path("packetsSent").asLong() > 0, "SRs for " + kind + " reach " + who);
                // roundTripTime is computed from an RR's LSR/DLSR, so it proves the RR's last-SR fields too.
                JsonNode remoteInbound = find(last.path("remoteInbound"), kind);
                assertTrue(remoteInbound.path("roundTripTime").isNumber(), "RRs with LSR/DLSR for " + kind + " reach " + who);
                assertTrue(remoteInbound.path("fractionLost").isNumber(), "RRs for " + kind + " carry fraction lost: " + who);
            }
            // Both streams of the publisher map to its NTP clock: the receiver can sync them (lip sync).
            JsonNode audio = find(last.path("inbound"), "audio");
            JsonNode video = find(last.path("inbound"), "video");
            assertTrue(audio.path("estimatedPlayoutTimestamp").isNumber() && video.path("estimatedPlayoutTimestamp").isNumber(),
                    "SRs give the received streams an NTP timeline: " + who);
            assertTrue(Math.abs(audio.path("estimatedPlayoutTimestamp").asDouble() - video.path("estimatedPlayoutTimestamp").asDouble()) < 1_000,
                    "audio and video play out within a second of each other: " + who);
            // Without feedback the estimate decays from wherever REMB put it (2.5 Mb/s → 0.2 Mb/s in 15 s); with
            // transport-cc it probes up to 1.8 Mb/s or the REMB cap at once, or, when the first probe goes wrong
            // (a cold JVM, a busy machine: an overuse backs it off to 0.2 Mb/s), climbs 8 % a second to 0.6 Mb/s
            // by the end. The lowest value of the last 3 s of 15 tells them apart.
            assertTrue(watched.path("settledAvailableOutgoingBitrate").asLong() > 3 * CHROMIUM_START_BITRATE / 2,
                    "the publisher's estimate ends above 1.5 times the start rate with transport-cc feedback: " + who);
            assertTrue(watched.path("settledTargetBitrate").asLong() > 6 * CHROMIUM_START_BITRATE / 5,
                    "the video encoder's target follows it: " + who);
        }
        assertTrue(router.counters().senderReportsSent() > srBefore, "the worker counted its SRs");
        assertTrue(router.counters().receiverReportsSent() > rrBefore, "the worker counted its RRs");
        assertTrue(router.counters().transportCcFeedbackSent() > twccBefore, "the worker counted its transport-cc feedback");
    }

    /** The entry of a stats list with this kind, or a missing node. */
    static JsonNode find(JsonNode list, String kind) {
        for (JsonNode entry : list) {
            if (kind.equals(entry.path("kind").asText())) {
                return entry;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static JsonNode call(String room, int participants, Map<String, Object> extra) throws IOException, InterruptedException {
        Tenants tenant = Tenants.create("Browser " + room);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            tokens.add(tenant.token(room, "user" + i));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("roomUrl", ControlPlane.roomUrl());
        options.put("tokens", tokens);
        options.put("timeoutMs", 20_000);
        if (Boolean.TRUE.equals(extra.get("late"))) {
            options.put("lateToken", tenant.token(room, "late"));
        }
        for (Map.Entry<String, Object> option : extra.entrySet()) {
            if (!option.getKey().equals("late")) {
                options.put(option.getKey(), option.getValue()); // leaveLast, quality, videoCodec, subscriberRtx
            }
        }
        Path output = Files.createTempFile("browser-call", ".json");
        Process process = new ProcessBuilder("node", SCRIPT.toString(), JSON.writeValueAsString(options))
                .redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the browser test did not finish in 120 s");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
        String lastLine = printed.substring(printed.lastIndexOf('\n') + 1);
        JsonNode result = JSON.readTree(lastLine.isEmpty() ? "{}" : lastLine);
        assertEquals(0, process.exitValue(), "browser call failed: " + printed);
        assertTrue(result.path("ok").asBoolean(), printed);
        return result;
    }
}
