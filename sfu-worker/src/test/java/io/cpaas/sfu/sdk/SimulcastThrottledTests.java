package io.cpaas.sfu.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.NetworkNamespace;
import io.cpaas.sfu.support.NetworkNamespaces;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Simulcast and the downlink estimate behind a real bottleneck: one subscriber's Chromium runs in a
 * network namespace whose downlink is limited to 300 kbit/s by {@code tc tbf}
 * ({@link NetworkNamespace}); the worker must forward it the low layer while an unconstrained
 * subscriber on the host gets the high one, and give it the high layer back within 5 s once the
 * limit is lifted (src/test/browser/sdk-simulcast.mjs, scenario "throttled").
 */
@QuarkusTest
@TestProfile(NetworkNamespaces.OneNamespace.class)
public class SimulcastThrottledTests {

    @Test
    void aSubscriberBehind300KbpsGetsTheLowLayerAndTheHighOneBackWithin5SecondsOfLiftingTheLimit() throws Exception {
        NetworkNamespace network = NetworkNamespaces.namespace(0);
        network.clear();
        network.limitRate(NetworkNamespace.Direction.DOWN, 300);
        try {
            Tenants tenant = Tenants.create("SDK simulcast throttled");
            String room = "sdk-simulcast-throttled";
            List<String> tokens = List.of(tenant.token(room, "publisher"), tenant.token(room, "free"), tenant.token(room, "throttled"));
            JsonNode result = SimulcastTests.run(Map.of("scenario", "throttled", "tokens", tokens, "netns", network.name(),
                    "pageHost", network.hostAddress()), (command, body) -> {
                        if (command.equals("lift")) {
                            network.clearRate(NetworkNamespace.Direction.DOWN);
                        }
                    });
            assertTrue(result.path("ok").asBoolean(), result.toString());
        } finally {
            network.clear();
        }
    }
}
