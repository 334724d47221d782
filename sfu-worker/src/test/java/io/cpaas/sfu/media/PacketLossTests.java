package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With 5 % of forwarded video withheld by the worker's test hook, Chromium NACKs the holes, the
 * worker resends from its retransmission buffer (as RTX where the subscriber took it, RFC 4588),
 * and video keeps decoding.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
@TestProfile(PacketLossTests.FivePercentLoss.class)
class PacketLossTests {

    @Inject
    MediaRouter router;

    @Test
    void nacksAreAnsweredWithRtxAndVideoKeepsDecoding() throws Exception {
        Counts before = new Counts(router.counters());
        JsonNode result = BrowserCallTests.call("lossy", 2, Map.of());
        Counts after = new Counts(router.counters());
        long browserNacks = 0;
        long browserRetransmitted = 0;
        for (JsonNode participant : result.path("participants")) {
            JsonNode video = BrowserCallTests.find(participant.path("inbound"), "video");
            browserNacks += video.path("nackCount").asLong();
            browserRetransmitted += video.path("retransmittedPacketsReceived").asLong();
        }
        String counters = after.minus(before) + ", browser NACKs " + browserNacks + ", browser got retransmitted " + browserRetransmitted;
        System.out.println("loss with RTX: " + counters);
        assertTrue(after.withheld - before.withheld > 3, "the hook withheld packets: " + counters);
        assertTrue(browserNacks > 0 && after.nacks > before.nacks, "Chromium sent NACKs: " + counters);
        assertTrue(after.resent > before.resent, "the worker resent packets: " + counters);
        assertEquals(after.resent - before.resent, after.rtx - before.rtx, "every resend went as RTX: " + counters);
        // Chromium counts a packet as retransmitted only when it came on the RTX stream of the FID group.
        assertTrue(browserRetransmitted > 0, "Chromium took the RTX packets as retransmissions: " + counters);
    }

    @Test
    void withoutRtxInTheAnswerLostPacketsAreResentAsTheyWereSent() throws Exception {
        Counts before = new Counts(router.counters());
        JsonNode result = BrowserCallTests.call("lossy-plain", 2, Map.of("subscriberRtx", false));
        Counts after = new Counts(router.counters());
        String counters = after.minus(before) + ", " + result.path("participants");
        System.out.println("loss without RTX: " + after.minus(before));
        assertTrue(after.nacks > before.nacks, "Chromium sent NACKs: " + counters);
        assertTrue(after.resent > before.resent, "the worker resent packets: " + counters);
        assertEquals(before.rtx, after.rtx, "none as RTX: " + counters);
    }

    private record Counts(long withheld, long nacks, long resent, long rtx) {
        Counts(MediaCounters c) {
            this(c.testDrops(), c.nacksReceived(), c.retransmissions(), c.rtxRetransmissions());
        }

        String minus(Counts b) {
            return "withheld " + (withheld - b.withheld) + ", NACKs " + (nacks - b.nacks) + ", resent " + (resent - b.resent)
                    + " (as RTX " + (rtx - b.rtx) + ")";
        }
    }

    /** Turns on the worker's loss injection. */
    public static class FivePercentLoss implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpaas.worker.testing.outgoing-loss-percent", "5");
        }
    }
}
