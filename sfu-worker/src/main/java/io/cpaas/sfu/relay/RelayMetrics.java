package io.cpaas.sfu.relay;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.ToDoubleFunction;

/** Exports the relay's counters on /q/metrics: what an origin sends its edges and what edges receive. */
@ApplicationScoped
@Startup
public class RelayMetrics {

    public RelayMetrics(MeterRegistry registry, RelayCounters counters, OriginRelay origin, EdgeRelay edge) {
        counter(registry, "cpaas_worker_relay_packets_out", "RTP packets an origin relayed to its edges (one per packet and edge)",
                counters, RelayCounters::mediaOut);
        counter(registry, "cpaas_worker_relay_bytes_out", "bytes of sealed relay datagrams an origin sent", counters, RelayCounters::mediaOutBytes);
        counter(registry, "cpaas_worker_relay_packets_not_sent", "RTP packets not relayed because the edge's address was not known yet",
                counters, RelayCounters::notSent);
        counter(registry, "cpaas_worker_relay_packets_in", "relayed RTP packets an edge forwarded to its viewers", counters, RelayCounters::mediaIn);
        counter(registry, "cpaas_worker_relay_packets_unknown", "relayed RTP packets of no track the edge knows", counters, RelayCounters::mediaUnknown);
        counter(registry, "cpaas_worker_relay_datagrams_refused", "relay datagrams refused: not authentic, replayed, too old or of no relay",
                counters, RelayCounters::refused);
        counter(registry, "cpaas_worker_relay_keyframe_requests_out", "keyframe requests an edge relayed to an origin", counters,
                RelayCounters::keyframeRequestsOut);
        counter(registry, "cpaas_worker_relay_keyframe_requests_in", "keyframe requests an origin received from edges", counters,
                RelayCounters::keyframeRequestsIn);
        Gauge.builder("cpaas_worker_relay_links", origin, OriginRelay::links).tag("role", "origin")
                .description("Edges relaying a room from this worker").register(registry);
        Gauge.builder("cpaas_worker_relay_links", edge, EdgeRelay::links).tag("role", "edge")
                .description("Rooms this worker relays from an origin").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, RelayCounters counters,
                                ToDoubleFunction<RelayCounters> value) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }
}
