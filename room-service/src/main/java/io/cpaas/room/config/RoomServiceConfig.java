package io.cpaas.room.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of room-service; defaults live in application.properties, secrets in the environment. */
@ConfigMapping(prefix = "cpaas")
public interface RoomServiceConfig {

    @WithName("cluster-secret")
    String clusterSecret();

    /** Base URL of tenant-service's internal API. */
    String tenantServiceUrl();

    /** How long introspection answers and tenant profiles are reused. */
    Duration tenantCacheTtl();

    Tokens tokens();

    Join join();

    Turn turn();

    Pool pool();

    Rooms rooms();

    Webhooks webhooks();

    Broadcast broadcast();

    interface Tokens {
        Duration defaultTtl();

        Duration maxTtl();

        /** How often an instance reloads signing keys, so a rotation made elsewhere reaches it. */
        Duration keyRefreshInterval();
    }

    interface Join {
        Duration ticketTtl();
    }

    interface Turn {
        /** coturn static-auth-secret(s): the first signs, a second may be listed while rotating. */
        Optional<List<String>> secrets();

        String host();

        int port();

        Optional<Integer> tlsPort();

        Duration defaultTtl();
    }

    interface Pool {
        Duration heartbeatInterval();

        /** A worker silent for this many intervals is unhealthy. */
        int missedHeartbeats();
    }

    interface Rooms {
        int defaultMaxParticipants();

        Duration defaultEmptyTimeout();
    }

    interface Broadcast {
        /**
         * Viewers a broadcast room puts on one edge before it opens another: spreads a big audience
         * over the pool. When no other worker can open an edge, edges take more, up to their capacity.
         */
        int viewersPerEdge();
    }

    interface Webhooks {
        /** Whether this instance delivers webhooks (events are written to the outbox regardless). */
        boolean enabled();

        /** How often due deliveries are looked for (read by the scheduler as ${cpaas.webhooks.poll-interval}). */
        Duration pollInterval();

        /** How long to wait for a receiver's answer. */
        Duration timeout();

        /** Wait before the second attempt; it doubles up to {@link #maxRetryDelay()}. */
        Duration firstRetryDelay();

        Duration maxRetryDelay();

        /** No retry is made past this age of an event. */
        Duration giveUpAfter();

        /** Deliveries in flight from this instance, and per tenant, so a slow tenant cannot hold up the others. */
        int maxInFlight();

        int maxInFlightPerTenant();

        /** Allow URLs that resolve to loopback or private addresses (single machine, tests). */
        boolean allowPrivateAddresses();

        /** How long finished deliveries stay in the delivery log. */
        Duration retention();
    }
}
