package io.cpaas.room.webhook.service;

import io.cpaas.api.tenant.TenantProfile;
import io.cpaas.api.webhook.WebhookSignature;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.tenant.TenantDirectory;
import io.cpaas.room.webhook.WebhookAttempt;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.WebhookDeliveryState;
import io.cpaas.room.webhook.persistence.WebhookDeliveryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox: leases the due head of each (tenant, room) chain, posts it signed to the
 * tenant's URL without blocking a thread while the receiver thinks, records the attempt, and
 * schedules the next one on failure. In-flight deliveries are capped per tenant, so a slow or dead
 * endpoint only ever delays its own tenant; a lease outlives the request timeout, so an instance
 * that dies mid-delivery leaves its rows to the others (or to itself after a restart).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    private static final Duration TENANT_SERVICE_RETRY = Duration.ofSeconds(5);

    private final WebhookDeliveryRepository deliveries;
    private final TenantDirectory tenants;
    private final RoomServiceConfig.Webhooks config;
    private final WebhookRetryPolicy retries;
    private final WebhookAddressPolicy addresses;
    private final ExecutorService completions = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightByTenant = new ConcurrentHashMap<>();

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, TenantDirectory tenants, RoomServiceConfig config,
                             MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.tenants = tenants;
        this.config = config.webhooks();
        this.retries = new WebhookRetryPolicy(this.config.firstRetryDelay(), this.config.maxRetryDelay(), this.config.giveUpAfter());
        this.addresses = new WebhookAddressPolicy(this.config.allowPrivateAddresses());
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).executor(completions)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        metrics.gauge("cpaas_webhooks_in_flight", inFlight);
    }

    @Scheduled(every = "${cpaas.webhooks.poll-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        if (!config.enabled()) {
            return;
        }
        int room = config.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return;
        }
        Set<String> busyTenants = inFlightByTenant.entrySet().stream()
                .filter(entry -> entry.getValue().get() >= config.maxInFlightPerTenant())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Instant now = Instant.now();
        List<WebhookDelivery> due;
        try {
            due = QuarkusTransaction.requiringNew().call(() ->
                    deliveries.claimDue(now, now.plus(config.timeout()).plus(LEASE_MARGIN), room, busyTenants));
        } catch (RuntimeException e) {
            LOG.warnf("looking for due webhooks failed, will retry: %s", e.getMessage());
            return;
        }
        for (WebhookDelivery delivery : due) {
            // One claim may hold many rooms of one tenant: its cap holds here too; the rest wait for the next poll.
            if (counter(delivery.tenantId()).get() >= config.maxInFlightPerTenant()) {
                release(delivery, now);
                continue;
            }
            try {
                start(delivery);
            } catch (RuntimeException e) {
                LOG.warnf("webhook %s could not be started, will retry: %s", delivery.id(), e.getMessage());
                release(delivery, now.plus(TENANT_SERVICE_RETRY));
            }
        }
    }

    private void start(WebhookDelivery delivery) {
        Optional<TenantProfile> profile;
        try {
            profile = tenants.tenant(delivery.tenantId());
        } catch (ProblemException unavailable) {
            release(delivery, Instant.now().plus(TENANT_SERVICE_RETRY)); // not an attempt: nothing was sent
            return;
        }
        Instant now = Instant.now();
        if (profile.isEmpty() || !profile.get().active()) {
            finish(delivery, WebhookDeliveryState.SKIPPED, "the tenant is disabled or gone", now);
            return;
        }
        String url = profile.get().webhook() == null ? null : profile.get().webhook().url();
        if (url == null) {
            finish(delivery, WebhookDeliveryState.SKIPPED, "no webhook URL was set", now);
            return;
        }
        URI target = URI.create(url);
        Optional<String> refusal = addresses.refusal(target);
        if (refusal.isPresent()) {
            recordOutcome(delivery, new WebhookAttempt(delivery.attempts() + 1, now, url, null, 0, refusal.get()), false, true);
            return;
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "cpaas-webhooks/1")
                .header(WebhookSignature.ID_HEADER, delivery.id())
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now.getEpochSecond()))
                .header(WebhookSignature.HEADER, WebhookSignature.sign(profile.get().webhook().signingSecret(), now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        AtomicInteger tenantInFlight = counter(delivery.tenantId());
        inFlight.incrementAndGet();
        tenantInFlight.incrementAndGet();
        long started = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            try {
                int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
                WebhookAttempt attempt = failure == null
                        ? new WebhookAttempt(delivery.attempts() + 1, now, url, response.statusCode(), latency,
                                isSuccess(response.statusCode()) ? null : "the receiver answered " + response.statusCode())
                        : new WebhookAttempt(delivery.attempts() + 1, now, url, null, latency, describe(failure));
                recordOutcome(delivery, attempt, failure == null && isSuccess(response.statusCode()), false);
            } finally {
                tenantInFlight.decrementAndGet();
                inFlight.decrementAndGet();
            }
        });
    }

    private void recordOutcome(WebhookDelivery delivery, WebhookAttempt attempt, boolean delivered, boolean permanent) {
        WebhookDeliveryState state;
        Instant next = attempt.at();
        if (delivered) {
            state = WebhookDeliveryState.DELIVERED;
        } else {
            Optional<Instant> retry = permanent ? Optional.empty()
                    : retries.next(attempt.attempt(), delivery.createdAt(), Instant.now(), ThreadLocalRandom.current());
            state = retry.isPresent() ? WebhookDeliveryState.PENDING : WebhookDeliveryState.FAILED;
            next = retry.orElse(next);
        }
        Instant nextAttempt = next;
        try {
            if (!QuarkusTransaction.requiringNew().call(() -> deliveries.recordAttempt(delivery, attempt, state, nextAttempt))) {
                LOG.infof("webhook %s: attempt %d ended after its lease ran out; another instance took the delivery over and its "
                        + "outcome counts (the receiver may see the event twice, with the same id)", delivery.id(), attempt.attempt());
                return;
            }
        } catch (RuntimeException e) {
            // The lease runs out and the delivery is tried again: at least once, never lost.
            LOG.warnf("recording webhook attempt %d of %s failed: %s", attempt.attempt(), delivery.id(), e.getMessage());
        }
        if (state == WebhookDeliveryState.FAILED) {
            LOG.infof("webhook %s (%s) for tenant %s given up after %d attempts: %s", delivery.id(), delivery.type(),
                    delivery.tenantId(), attempt.attempt(), attempt.error());
        }
    }

    private void finish(WebhookDelivery delivery, WebhookDeliveryState state, String why, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> deliveries.finishWithoutAttempt(delivery, state, why, now));
    }

    private void release(WebhookDelivery delivery, Instant retryAt) {
        try {
            QuarkusTransaction.requiringNew().run(() -> deliveries.postpone(delivery, retryAt));
        } catch (RuntimeException e) {
            LOG.debugf("giving back the lease of %s failed; it runs out by itself: %s", delivery.id(), e.getMessage());
        }
    }

    private AtomicInteger counter(String tenantId) {
        return inFlightByTenant.computeIfAbsent(tenantId, id -> new AtomicInteger());
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused or unreachable";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    void stop(@Observes ShutdownEvent event) {
        completions.shutdown();
    }
}
