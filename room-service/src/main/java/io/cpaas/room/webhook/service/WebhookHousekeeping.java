package io.cpaas.room.webhook.service;

import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.webhook.persistence.WebhookDeliveryRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Keeps the delivery log to its retention period; pending deliveries are never forgotten. */
@ApplicationScoped
public class WebhookHousekeeping {

    private static final Logger LOG = Logger.getLogger(WebhookHousekeeping.class);

    private final WebhookDeliveryRepository deliveries;
    private final RoomServiceConfig config;

    public WebhookHousekeeping(WebhookDeliveryRepository deliveries, RoomServiceConfig config) {
        this.deliveries = deliveries;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldDeliveries() {
        try {
            int forgotten = QuarkusTransaction.requiringNew().call(() ->
                    deliveries.forgetFinishedBefore(Instant.now().minus(config.webhooks().retention())));
            LOG.debugf("forgot %d finished webhook deliveries", forgotten);
        } catch (RuntimeException e) {
            LOG.warnf("pruning the webhook delivery log failed, will retry: %s", e.getMessage());
        }
    }
}
