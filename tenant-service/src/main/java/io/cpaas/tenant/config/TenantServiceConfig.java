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

    /** Limits a new tenant gets when the creator does not say otherwise. */
    interface TenantDefaults {
        int maxConcurrentParticipants();

        int maxRooms();

        int requestsPerSecondPerKey();
    }

    interface ApiKeys {
        /** How long a verified key stays cached in one instance; bounds how late a revocation bites. */
        Duration lookupCacheTtl();

        /** last_used_at is written at most this often per key, so use does not cost a write. */
        Duration lastUsedResolution();
    }
}
