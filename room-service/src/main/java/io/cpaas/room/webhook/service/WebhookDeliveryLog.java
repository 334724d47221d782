package io.cpaas.room.webhook.service;

import io.cpaas.api.page.Cursor;
import io.cpaas.api.page.Page;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.PageRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.webhook.WebhookAttempt;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.WebhookDeliveryState;
import io.cpaas.room.webhook.WebhookOutbox;
import io.cpaas.room.webhook.persistence.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a tenant sees of its webhooks: every delivery with its attempts, and a test event on request. */
@ApplicationScoped
public class WebhookDeliveryLog {

    public static final String TEST_EVENT = "webhook.test";

    private final WebhookDeliveryRepository deliveries;
    private final WebhookOutbox outbox;

    public WebhookDeliveryLog(WebhookDeliveryRepository deliveries, WebhookOutbox outbox) {
        this.deliveries = deliveries;
        this.outbox = outbox;
    }

    public Page<WebhookDelivery> page(String tenantId, String state, PageRequest page) {
        WebhookDeliveryState filter = state == null || state.isEmpty() ? null : WebhookDeliveryState.fromWireName(state)
                .orElseThrow(() -> invalid("state", "must be one of pending, delivered, failed, skipped"));
        Long before = null;
        if (page.afterKey() != null) {
            try {
                before = Long.parseLong(page.afterKey());
            } catch (NumberFormatException notOurs) {
                throw invalid("cursor", "is not a cursor this API returned");
            }
        }
        List<WebhookDelivery> rows = deliveries.page(tenantId, before, filter, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<WebhookDelivery> items = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(items, more ? Cursor.encode(String.valueOf(items.get(items.size() - 1).seq())) : null);
    }

    public DeliveryWithAttempts get(String tenantId, String id) {
        WebhookDelivery delivery = deliveries.find(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("Webhook delivery " + id));
        return new DeliveryWithAttempts(delivery, deliveries.attempts(id));
    }

    /** Queues a {@value #TEST_EVENT} event, delivered like any other; answers its id. */
    @Transactional
    public String sendTest(String tenantId) {
        return outbox.enqueue(tenantId, null, TEST_EVENT, Instant.now(),
                Map.of("message", "A test event sent from the cpaas API; it changes nothing."));
    }

    /** A delivery and every attempt made at it, oldest first. */
    public record DeliveryWithAttempts(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Query parameter '" + field + "' " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))), null);
    }
}
