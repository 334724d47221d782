package io.cpaas.room.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.api.auth.ApiKeyCredentials;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.api.tenant.KeyIntrospectionRequest;
import io.cpaas.api.tenant.TenantProfile;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What room-service knows of tenants and their API keys, asked of tenant-service's internal API
 * and cached for {@code cpaas.tenant-cache-ttl} (2 s): a busy key costs one round trip per TTL,
 * and a revoked key or disabled tenant is noticed within that time.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final int MAX_CACHED = 100_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json;
    private final String baseUrl;
    private final String clusterSecret;
    private final long ttlNanos;
    private final ConcurrentMap<String, Cached<KeyIntrospection>> keys = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Cached<Optional<TenantProfile>>> tenants = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<KeyIntrospection>> pending = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Void>> refreshing = new ConcurrentHashMap<>();

    public TenantDirectory(RoomServiceConfig config, ObjectMapper json) {
        this.json = json;
        this.baseUrl = config.tenantServiceUrl().replaceAll("/+$", "");
        this.clusterSecret = config.clusterSecret();
        this.ttlNanos = config.tenantCacheTtl().toNanos();
    }

    public KeyIntrospection introspect(ApiKeyCredentials credentials) {
        // Keyed by a hash of the whole pair: a wrong secret never reads the right secret's answer.
        String cacheKey = sha256(credentials.keyId() + ":" + credentials.secret());
        Cached<KeyIntrospection> cached = keys.get(cacheKey);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedAt < ttlNanos) {
            if (now - cached.fetchedAt > ttlNanos * 3 / 4) {
                refreshAhead(cacheKey, credentials);
            }
            return cached.value;
        }
        // Expired or never seen: one lookup per key at a time; concurrent requests wait for it.
        CompletableFuture<KeyIntrospection> mine = new CompletableFuture<>();
        CompletableFuture<KeyIntrospection> running = pending.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return await(running);
        }
        try {
            mine.complete(fetchKey(cacheKey, credentials));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            pending.remove(cacheKey, mine);
        }
        return await(mine);
    }

    /** Refreshes a busy key in the background before it expires, once, so its requests never all wait. */
    private void refreshAhead(String cacheKey, ApiKeyCredentials credentials) {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        if (refreshing.putIfAbsent(cacheKey, marker) != null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                fetchKey(cacheKey, credentials);
            } catch (RuntimeException ignored) {
                // the next request past the TTL fetches in the foreground and reports the failure
            } finally {
                refreshing.remove(cacheKey, marker);
            }
        });
    }

    private static KeyIntrospection await(CompletableFuture<KeyIntrospection> lookup) {
        try {
            return lookup.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private KeyIntrospection fetchKey(String cacheKey, ApiKeyCredentials credentials) {
        long now = System.nanoTime();
        byte[] body = write(new KeyIntrospectionRequest(credentials.keyId(), credentials.secret()));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/internal/v1/api-keys/introspect"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (response.statusCode() != 200) {
            throw unavailable("tenant-service answered " + response.statusCode() + " to key introspection");
        }
        KeyIntrospection answer = read(response.body(), KeyIntrospection.class);
        remember(keys, cacheKey, new Cached<>(answer, now));
        return answer;
    }

    /** The tenant's profile; empty when tenant-service does not know it. */
    public Optional<TenantProfile> tenant(String tenantId) {
        Cached<Optional<TenantProfile>> cached = tenants.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedAt < ttlNanos) {
            return cached.value;
        }
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/internal/v1/tenants/" + java.net.URLEncoder.encode(tenantId, StandardCharsets.UTF_8))).GET());
        Optional<TenantProfile> answer;
        if (response.statusCode() == 404) {
            answer = Optional.empty();
        } else if (response.statusCode() == 200) {
            answer = Optional.of(read(response.body(), TenantProfile.class));
        } else {
            throw unavailable("tenant-service answered " + response.statusCode() + " for a tenant profile");
        }
        remember(tenants, tenantId, new Cached<>(answer, now));
        return answer;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("X-Cluster-Secret", clusterSecret).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable("tenant-service is not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking tenant-service");
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw unavailable("tenant-service answered something unreadable");
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <V> void remember(ConcurrentMap<String, V> cache, String key, V value) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(io.cpaas.api.problem.Problem.of(ProblemType.UNAVAILABLE,
                "Cannot check credentials right now (" + why + "); retry shortly"), Duration.ofSeconds(1));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Cached<V>(V value, long fetchedAt) {
    }
}
