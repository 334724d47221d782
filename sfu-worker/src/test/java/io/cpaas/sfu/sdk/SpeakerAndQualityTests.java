package io.cpaas.sfu.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.NetworkNamespace;
import io.cpaas.sfu.support.NetworkNamespace.Direction;
import io.cpaas.sfu.support.NetworkNamespaces;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Active speakers and connection quality as the SDK shows them, from the worker's audio level and
 * RTCP measurements, in real Chromium: the participant whose fake microphone beeps is the room's
 * active speaker and the one publishing only video never is; a participant whose link (in a network
 * namespace) loses 10 % is reported poor while the other stays good, and good again once it is lifted; a
 * participant that publishes nothing hears the publisher's quality and its own, and nobody hears its.
 */
@QuarkusTest
@TestProfile(NetworkNamespaces.OneNamespace.class)
class SpeakerAndQualityTests {

    @AfterEach
    void cleanLink() {
        NetworkNamespaces.namespace(0).clear();
    }

    @Test
    void theParticipantWithAudioIsTheActiveSpeakerAndTheOneWithoutIsNot() throws Exception {
        Tenants tenant = Tenants.create("SDK speakers").awaitJoinable();
        String room = "sdk-speakers";
        JsonNode result = SdkCallTests.interactive("speakers", List.of(tenant.token(room, "talker"), tenant.token(room, "quiet")),
                Map.of(), (command, body) -> { });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }

    @Test
    void aListenerHearsThePublishersQualityAndItsOwnWhileThePublisherIsNeverToldTheListeners() throws Exception {
        Tenants tenant = Tenants.create("SDK listener quality").awaitJoinable();
        String room = "sdk-listener-quality";
        JsonNode result = SdkCallTests.interactive("listenerQuality",
                List.of(tenant.token(room, "host"), tenant.token(room, "listener")), Map.of(), (command, body) -> { });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }

    @Test
    void aParticipantBehindTenPercentLossIsPoorWhileTheOtherStaysGood() throws Exception {
        NetworkNamespace network = NetworkNamespaces.namespace(0);
        Tenants tenant = Tenants.create("SDK quality").awaitJoinable();
        String room = "sdk-quality";
        List<String> tokens = List.of(tenant.token(room, "lossy"), tenant.token(room, "clean"));
        JsonNode result = SdkCallTests.interactive("quality", tokens,
                Map.of("netns", network.name(), "pageHost", network.hostAddress(), "loss", 10), (command, body) -> {
                    if (command.equals("impair")) {
                        network.impair(Direction.BOTH, body.path("loss").asDouble(), Duration.ZERO);
                    }
                });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }
}
