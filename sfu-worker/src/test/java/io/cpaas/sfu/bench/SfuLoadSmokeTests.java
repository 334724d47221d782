package io.cpaas.sfu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.media.MediaCounters;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.LoadTool;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The SFU load tool of bench/sfu (docs/benchmarks.md) in its smoke mode, so that it never rots: compiled
 * here against this module's classes, run for a few seconds against this worker through the real
 * room-service, and its JSON report checked for media that really went through (one publisher, two
 * subscribers, every stream received) and for the feedback its simulated browsers send (--feedback)
 * reaching the worker. The figures are not asserted: speed is the benchmark's business.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
public class SfuLoadSmokeTests {

    @Inject
    MediaRouter router;

    @Test
    void theLoadToolJoinsPublishesAndMeasuresMediaThroughThisWorker() throws Exception {
        MediaCounters counters = router.counters();
        long feedbackBefore = counters.transportCcFeedbackReceived();
        long recordedBefore = counters.transportCcPacketsRecorded();
        JsonNode run = LoadTool.run("sfu-load-smoke", "bench smoke",
                "--rooms=1", "--publishers=1", "--subscribers=2", "--seconds=3", "--warmup=1", "--feedback");
        assertEquals(0, run.path("failedJoins").asInt(), run.toString());
        assertEquals(4, run.path("receivedStreams").asInt(), "audio and video for each of 2 subscribers: " + run);
        assertEquals(0, run.path("silentStreams").asInt(), run.toString());
        assertEquals(2, run.path("forwardedVideoStreams").asInt(), run.toString());
        // About 114 packets/s to each of 2 subscribers: anything close says media flowed end to end.
        assertTrue(run.path("receivedPacketsPerSecond").asDouble() > 100, run.toString());
        assertTrue(run.path("videoLatencyP50").asDouble() > 0, run.toString());
        assertTrue(run.path("serverCpuPercent").asDouble() > 0, "the worker's CPU is read from /proc: " + run);
        // Each subscriber: transport-cc feedback every 100 ms and a receiver report each second, over 3 s and more.
        assertTrue(run.path("feedbackPerSecond").asDouble() > 10, run.toString());
        assertTrue(run.path("receiverReportsPerSecond").asDouble() > 1, run.toString());
        assertTrue(counters.transportCcFeedbackReceived() - feedbackBefore > 40, "the worker decoded the subscribers' feedback");
        assertTrue(counters.transportCcPacketsRecorded() - recordedBefore > 300, "the publisher's transport-wide sequence numbers reached the worker");
    }
}
