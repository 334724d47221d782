package io.cpaas.sfu.metrics;

import io.cpaas.sfu.media.MediaCounters;
import io.cpaas.sfu.media.MediaRouter;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.transport.UdpTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/** Exports the media path's counters and the worker's rooms on /q/metrics (Prometheus). */
@ApplicationScoped
@Startup
public class MediaMetrics {

    public MediaMetrics(MeterRegistry registry, MediaRouter router, RoomRegistry rooms) {
        MediaCounters counters = router.counters();
        counter(registry, "cpaas_worker_rtp_packets_in", "RTP packets received from publishers", counters, MediaCounters::rtpIn);
        counter(registry, "cpaas_worker_rtp_bytes_in", "RTP bytes received from publishers", counters, MediaCounters::rtpInBytes);
        counter(registry, "cpaas_worker_rtp_packets_out", "RTP packets forwarded to subscribers", counters, MediaCounters::rtpOut);
        counter(registry, "cpaas_worker_rtp_bytes_out", "RTP bytes forwarded to subscribers", counters, MediaCounters::rtpOutBytes);
        counter(registry, "cpaas_worker_rtp_server_muted", "RTP packets of tracks muted by the server, not forwarded", counters, MediaCounters::serverMuted);
        counter(registry, "cpaas_worker_rtp_silence_skipped", "Copies of silent microphone packets not sent to subscribers of large rooms", counters, MediaCounters::silenceSkipped);
        counter(registry, "cpaas_worker_rtp_unforwardable", "RTP packets of no published stream (RTX, FEC, unsignaled)", counters, MediaCounters::unforwardable);
        counter(registry, "cpaas_worker_rtcp_packets_in", "RTCP compounds received", counters, MediaCounters::rtcpIn);
        counter(registry, "cpaas_worker_nacks_received", "NACK feedback packets from subscribers", counters, MediaCounters::nacksReceived);
        counter(registry, "cpaas_worker_retransmissions", "packets resent for NACKs", counters, MediaCounters::retransmissions);
        counter(registry, "cpaas_worker_keyframe_requests", "PLIs sent to publishers", counters, MediaCounters::keyframeRequests);
        counter(registry, "cpaas_worker_rtx_retransmissions", "retransmissions sent as RTX (RFC 4588); part of cpaas_worker_retransmissions", counters, MediaCounters::rtxRetransmissions);
        counter(registry, "cpaas_worker_sender_reports_received", "sender reports received from publishers", counters, MediaCounters::senderReportsReceived);
        counter(registry, "cpaas_worker_sender_reports_sent", "sender reports sent to subscribers, one per forwarded stream", counters, MediaCounters::senderReportsSent);
        counter(registry, "cpaas_worker_receiver_reports_sent", "receiver reports sent to publishers", counters, MediaCounters::receiverReportsSent);
        counter(registry, "cpaas_worker_receiver_report_blocks_sent", "report blocks in receiver reports, one per received stream", counters, MediaCounters::receiverReportBlocksSent);
        counter(registry, "cpaas_worker_transport_cc_feedback_sent", "transport-cc feedback packets sent to publishers", counters, MediaCounters::transportCcFeedbackSent);
        counter(registry, "cpaas_worker_transport_cc_packets_recorded", "publisher packets recorded by transport-wide sequence number", counters, MediaCounters::transportCcPacketsRecorded);
        counter(registry, "cpaas_worker_transport_cc_feedback_received", "transport-cc feedback packets received from subscribers (downlink estimation)", counters, MediaCounters::transportCcFeedbackReceived);
        counter(registry, "cpaas_worker_simulcast_layer_switches", "simulcast layer switches of subscribers", counters, MediaCounters::layerSwitches);
        counter(registry, "cpaas_worker_dynacast_layers_paused", "simulcast layers publishers were asked to pause (no subscriber needed them)", counters, MediaCounters::layersPaused);
        counter(registry, "cpaas_worker_dynacast_layers_resumed", "simulcast layers publishers were asked to resume", counters, MediaCounters::layersResumed);
        counter(registry, "cpaas_worker_upstream_nacks_sent", "NACK packets sent to publishers for packets their link lost", counters, MediaCounters::upstreamNacksSent);
        counter(registry, "cpaas_worker_upstream_packets_nacked", "sequence numbers asked of publishers, each request counted", counters, MediaCounters::upstreamPacketsNacked);
        counter(registry, "cpaas_worker_upstream_repairs_received", "retransmissions (RTX) received from publishers", counters, MediaCounters::upstreamRepairsReceived);
        counter(registry, "cpaas_worker_upstream_packets_recovered", "lost publisher packets that arrived after a NACK and were forwarded", counters, MediaCounters::upstreamRecovered);
        counter(registry, "cpaas_worker_upstream_packets_given_up", "lost publisher packets no longer asked for (too old, asked too often, a jump)", counters, MediaCounters::upstreamGivenUp);
        counter(registry, "cpaas_worker_upstream_duplicates", "publisher packets or repairs that had already arrived, not forwarded again", counters, MediaCounters::upstreamDuplicates);
        Gauge.builder("cpaas_worker_forward_nanos_mean", counters, MediaCounters::meanForwardNanos)
                .description("Mean time to forward one received packet to all its subscribers").register(registry);
        Timer forwardTimes = forwardTimer(registry);
        counters.forwardTimesTo(nanos -> forwardTimes.record(nanos, TimeUnit.NANOSECONDS));
        FunctionCounter.builder("cpaas_worker_udp_datagrams_sent", router.transport(), UdpTransport::sent)
                .description("Datagrams handed to the media socket (forwarded media, RTCP, STUN, DTLS, relay)").register(registry);
        FunctionCounter.builder("cpaas_worker_udp_send_failures", router.transport(), UdpTransport::sendFailures)
                .description("Datagrams not sent: 4 MiB already waiting for the socket, or the socket refused them").register(registry);
        FunctionCounter.builder("cpaas_worker_udp_handler_failures", router.transport(), UdpTransport::handlerFailures)
                .description("Received datagrams whose handling failed with a bug; the socket went on").register(registry);
        for (String reason : new String[] {"UNKNOWN_CLASS", "MALFORMED_STUN", "UNKNOWN_UFRAG", "UNKNOWN_ADDRESS"}) {
            FunctionCounter.builder("cpaas_worker_datagrams_dropped", router, r -> r.dropped(reason)).tag("reason", reason.toLowerCase())
                    .description("Datagrams dropped before reaching a connection").register(registry);
        }
        Gauge.builder("cpaas_worker_rooms", rooms, RoomRegistry::roomCount).register(registry);
        Gauge.builder("cpaas_worker_participants", rooms, RoomRegistry::participantCount).register(registry);
        Gauge.builder("cpaas_worker_peer_connections", router, MediaRouter::connectionCount).register(registry);
    }

    /**
     * The time from reading a publisher's packet (decrypted) to its last subscriber's send, with its
     * median, p99 and p99.9 over the last ~30 s: the latency the worker adds, waiting in the socket's
     * queue aside. Recording is allocation-free (HdrHistogram under Micrometer's percentiles).
     */
    static Timer forwardTimer(MeterRegistry registry) {
        return Timer.builder("cpaas_worker_forward")
                .description("Time from reading a publisher's packet to sending it to its last subscriber")
                .publishPercentiles(0.5, 0.99, 0.999).percentilePrecision(2)
                .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofSeconds(1))
                .distributionStatisticExpiry(Duration.ofSeconds(30)).distributionStatisticBufferLength(3)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, MediaCounters counters,
                                ToDoubleFunction<MediaCounters> value) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }
}
