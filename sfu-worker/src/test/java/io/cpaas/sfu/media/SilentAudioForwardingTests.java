package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.LoadTool;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Silence left out in large rooms, end to end: the load tool's publishers send Opus-sized audio with
 * an RFC 6464 level, one of them silent throughout and one speaking 3 s and pausing 1 s, to
 * subscribers that measure loss from the sequence numbers they receive. The worker's default leaves
 * silence out from 8 subscribers a track.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class SilentAudioForwardingTests {

    @Inject
    MediaRouter router;

    @Test
    void aLargeRoomGetsTheSpeakerButNotTheSilenceAndNoSubscriberCountsALostPacket() throws Exception {
        long skippedBefore = router.counters().silenceSkipped();
        JsonNode run = LoadTool.run("silent-audio-large", "silent audio",
                "--rooms=1", "--publishers=2", "--speakers=1", "--subscribers=10", "--media=audio", "--seconds=8", "--warmup=1");
        long skipped = router.counters().silenceSkipped() - skippedBefore;

        assertEquals(0, run.path("failedJoins").asInt(), run.toString());
        // Each pause is 50 packets: 10 forwarded, then 40 left out. Gaps the worker did not close would be
        // ~20 % of the speaker's packets lost.
        assertEquals(0, run.path("lostPackets").asLong(), "the worker closes the gaps it makes: " + run);
        assertTrue(run.path("expectedPackets").asLong() > 2_000, run.toString());
        // Forwarding everything would be 2 × 50 packets/s to each of 10 subscribers; the speaker alone
        // speaks 3 s of every 4, plus its hangovers: about 400.
        double received = run.path("receivedPacketsPerSecond").asDouble();
        assertTrue(received > 300 && received < 600, "about 400 packets/s, not 1,000: " + run);
        // The silent publisher's 50 packets/s to 10 subscribers over the 8 s window alone are 4,000 copies.
        assertTrue(skipped > 3_500, "copies left out: " + skipped);
    }

    @Test
    void aSmallRoomGetsEverythingItsPublishersSend() throws Exception {
        long skippedBefore = router.counters().silenceSkipped();
        JsonNode run = LoadTool.run("silent-audio-small", "silent audio",
                "--rooms=1", "--publishers=2", "--speakers=1", "--subscribers=3", "--media=audio", "--seconds=5", "--warmup=1");

        assertEquals(0, router.counters().silenceSkipped() - skippedBefore, "3 subscribers a track: under the threshold of 8");
        assertEquals(0, run.path("failedJoins").asInt(), run.toString());
        assertEquals(0, run.path("lostPackets").asLong(), run.toString());
        double received = run.path("receivedPacketsPerSecond").asDouble();
        assertTrue(received > 270, "2 × 50 packets/s to each of 3 subscribers, silence included: " + run);
    }
}
