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
}
