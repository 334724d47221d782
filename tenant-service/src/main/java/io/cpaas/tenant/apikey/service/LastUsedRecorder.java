package io.cpaas.tenant.apikey.service;

import io.cpaas.tenant.apikey.persistence.ApiKeyRepository;
import io.cpaas.tenant.config.TenantServiceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * Remembers when each key was last used and writes it in batches, at most once per resolution
 * period per key, so authenticating a request never waits on a write.
 */
@ApplicationScoped
public class LastUsedRecorder {

    private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class);

    private final ApiKeyRepository keys;
    private final long resolutionMillis;
    private final ConcurrentMap<String, Instant> pending = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> writtenAt = new ConcurrentHashMap<>();

    public LastUsedRecorder(ApiKeyRepository keys, TenantServiceConfig config) {
        this.keys = keys;
        this.resolutionMillis = config.apiKeys().lastUsedResolution().toMillis();
    }

    void record(String keyId, Instant at) {
        Long written = writtenAt.get(keyId);
        if (written == null || at.toEpochMilli() - written >= resolutionMillis) {
            pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        try {
            keys.recordLastUsed(batch);
            batch.forEach((keyId, at) -> writtenAt.put(keyId, at.toEpochMilli()));
        } catch (RuntimeException e) {
            LOG.warnf("could not record API key use for %d keys; will retry: %s", batch.size(), e.getMessage());
            batch.forEach((keyId, at) -> pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b));
        }
    }
}
