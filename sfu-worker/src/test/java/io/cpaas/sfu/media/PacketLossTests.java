package io.cpaas.sfu.media;

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
 * worker resends from its retransmission buffer, and video keeps decoding.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
@TestProfile(PacketLossTests.FivePercentLoss.class)
class PacketLossTests {

    @Inject
    MediaRouter router;

    @Test
    void nacksAreAnsweredAndVideoKeepsDecoding() throws Exception {
        JsonNode result = BrowserCallTests.call("lossy", 2, Map.of());
        long browserNacks = 0;
        for (JsonNode participant : result.path("participants")) {
            for (JsonNode inbound : participant.path("inbound")) {
                browserNacks += inbound.path("nackCount").asLong();
            }
        }
        String counters = "withheld " + router.counters().testDrops() + ", NACKs " + router.counters().nacksReceived()
                + ", resent " + router.counters().retransmissions() + ", browser NACKs " + browserNacks;
        assertTrue(router.counters().testDrops() > 3, "the hook withheld packets: " + counters);
        assertTrue(browserNacks > 0 && router.counters().nacksReceived() > 0, "Chromium sent NACKs: " + counters);
        assertTrue(router.counters().retransmissions() > 0, "the worker resent packets: " + counters);
    }

    /** Turns on the worker's loss injection. */
    public static class FivePercentLoss implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpaas.worker.testing.outgoing-loss-percent", "5");
        }
    }
}
