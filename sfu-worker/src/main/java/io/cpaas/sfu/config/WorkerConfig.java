package io.cpaas.sfu.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of one SFU worker; defaults in application.properties, secrets in the environment. */
@ConfigMapping(prefix = "cpaas.worker")
public interface WorkerConfig {

    /** Unique in the pool; join tickets name it as their audience. */
    String id();

    String region();

    /** room-service base URL (registration, heartbeats, JWKS). */
    String roomServiceUrl();

    String clusterSecret();

    /** The WebSocket URL clients are sent to, as they can reach it. */
    String signalUrl();

    /** Base URL of this worker's control API as room-service can reach it (participants, mute, room close). */
    String controlUrl();

    Udp udp();

    Capacity capacity();

    /** How long a joined participant may stay silent on signaling before it is dropped. */
    @WithDefault("30S")
    Duration signalingTimeout();

    Events events();

    /**
     * Whether the worker NACKs publishers for the packets their link to it lost (RFC 4585) and
     * forwards the repairs; turned off only to measure what it brings.
     */
    @WithDefault("true")
    boolean upstreamNack();

    /**
     * Subscribers a microphone track needs before its silent packets stop being forwarded
     * ({@code SilentAudioFilter}: RFC 6464 level below the speaker detector's floor for 200 ms);
     * 0 forwards silence to every room.
     */
    @WithDefault("8")
    int skipSilentAudioFromSubscribers();

    Testing testing();

    /** Events for room-service (sessions, usage, webhooks). */
    interface Events {
        /** Events kept while room-service is away; past this the oldest are dropped. */
        @WithDefault("200000")
        int capacity();
    }

    /** Fault injection for tests; never set these in production. */
    interface Testing {
        /** Share of forwarded RTP packets withheld (kept for NACKs but not sent), 0 to 50. */
        @WithDefault("0")
        int outgoingLossPercent();
    }

    interface Udp {
        /** Address the media socket binds. */
        String bindHost();

        int port();

        /** host:port pairs put in ICE candidates: what clients can reach (may differ from the bind address). */
        List<String> announcedAddresses();
    }

    interface Capacity {
        int participants();

        int tracks();
    }
}
