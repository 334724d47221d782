package io.cpaas.sfu.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Silence left out, as real Chromium receives it: with the worker leaving out silence from one
 * subscriber on, a listener gets almost nothing of a muted microphone (the SDK disables the track,
 * Chromium sends digital silence), hears it again once unmuted, counts no lost packet across the gap,
 * and its decoder plays on (scenario {@code silence} of sdk-call.mjs).
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
@TestProfile(SilenceInChromiumTests.SilenceLeftOutFromOneSubscriber.class)
class SilenceInChromiumTests {

    @Inject
    MediaRouter router;

    @Test
    void aListenerGetsNothingOfAMutedMicrophoneYetCountsNoLossWhenItSpeaksAgain() throws Exception {
        long skippedBefore = router.counters().silenceSkipped();
        Tenants tenant = Tenants.create("SDK silence").awaitJoinable();
        String room = "sdk-silence";
        JsonNode result = SdkCallTests.interactive("silence", List.of(tenant.token(room, "beeper"), tenant.token(room, "listener")),
                (command, body) -> { });
        long skipped = router.counters().silenceSkipped() - skippedBefore;
        System.out.println("silence in Chromium: " + result.path("audio") + ", copies left out " + skipped);
        assertTrue(result.path("ok").asBoolean(), result.toString());
        // 4 s muted: 200 packets, of which the first 10 go out.
        assertTrue(skipped > 150, "the worker left the muted microphone's silence out: " + skipped);
    }

    /** Silence is left out of every microphone track with a subscriber. */
    public static class SilenceLeftOutFromOneSubscriber implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpaas.worker.skip-silent-audio-from-subscribers", "1");
        }
    }
}
