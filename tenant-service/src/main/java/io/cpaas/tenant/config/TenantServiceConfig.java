package io.cpaas.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of tenant-service; defaults live in application.properties, secrets in the environment. */
@ConfigMapping(prefix = "cpaas")
public interface TenantServiceConfig {

    /** Shared secret that other services present on the internal API. */
    @WithName("cluster-secret")
    String clusterSecret();

    TenantDefaults tenantDefaults();

    ApiKeys apiKeys();

    Console console();

    /** Limits a new tenant gets when the creator does not say otherwise. */
    interface TenantDefaults {
        int maxConcurrentParticipants();

        int maxRooms();

        int requestsPerSecondPerKey();
    }

    /** The tenant console (/console). */
    interface Console {
        /** room-service's base URL: the console reads rooms, usage, deliveries and workers from its internal API. */
        String roomServiceUrl();

        /** The Keycloak realm console users live in (the Keycloak admin client provisions them there). */
        String realm();
    }

    interface ApiKeys {
        /** How long a verified key stays cached in one instance; bounds how late a revocation bites. */
        Duration lookupCacheTtl();

        /** last_used_at is written at most this often per key, so use does not cost a write. */
        Duration lastUsedResolution();
    }
}
