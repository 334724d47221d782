package io.cpaas.sfu.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.sfu.support.ControlPlane;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The relay's counters as the relay beans hold them (a client proxy, since RelayCounters is
 * application scoped) reach /q/metrics. Counting through the proxy's own fields once left every
 * relay metric at 0 while media was relayed (BroadcastFanOutIT read 0 packets relayed per packet).
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class RelayMetricsTests {

    @Inject
    RelayCounters counters;

    @Test
    void whatTheRelayCountsThroughItsInjectedCountersIsWhatTheMetricsEndpointShows() {
        assertEquals(true, counters instanceof ClientProxy, "the relay beans get a client proxy, as this test does");
        double packets = metric("cpaas_worker_relay_packets_out_total");
        double bytes = metric("cpaas_worker_relay_bytes_out_total");
        double notSent = metric("cpaas_worker_relay_packets_not_sent_total");
        double received = metric("cpaas_worker_relay_packets_in_total");
        double keyframesIn = metric("cpaas_worker_relay_keyframe_requests_in_total");
        counters.mediaSent(1200);
        counters.mediaSent(300);
        counters.mediaNotSent();
        counters.mediaForwarded();
        counters.keyframeRequestReceived();
        assertEquals(packets + 2, metric("cpaas_worker_relay_packets_out_total"));
        assertEquals(bytes + 1500, metric("cpaas_worker_relay_bytes_out_total"));
        assertEquals(notSent + 1, metric("cpaas_worker_relay_packets_not_sent_total"));
        assertEquals(received + 1, metric("cpaas_worker_relay_packets_in_total"));
        assertEquals(keyframesIn + 1, metric("cpaas_worker_relay_keyframe_requests_in_total"));
    }

    private static double metric(String name) {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        if (!value.find()) {
            throw new AssertionError(name + " is not exported");
        }
        return Double.parseDouble(value.group(1));
    }
}
