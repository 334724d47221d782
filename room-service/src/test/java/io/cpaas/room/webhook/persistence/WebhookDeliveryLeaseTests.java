package io.cpaas.room.webhook.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.webhook.WebhookAttempt;
import io.cpaas.room.webhook.WebhookDelivery;
import io.cpaas.room.webhook.WebhookDeliveryState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An instance that paused past its lease (a long GC, a frozen VM) while another took the delivery
 * over: its late outcome must not overwrite the other's. The two instances are two claims at two
 * moments of a clock set an hour ahead, so this service's own dispatcher never sees the row as due.
 */
@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class WebhookDeliveryLeaseTests {

    private static final Duration LEASE = Duration.ofSeconds(70);

    @Inject
    WebhookDeliveryRepository deliveries;
    @Inject
    DataSource dataSource;

    @Test
    void anOutcomeRecordedAfterTheLeaseWasTakenOverChangesNothingButTheTakeOversDoes() throws SQLException {
        String tenant = "tn_lease_" + UUID.randomUUID().toString().substring(0, 8);
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
        Instant due = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> deliveries.insert(id, tenant, "ro_lease", "room.started", "{}", Instant.now()));
        setNextAttempt(id, due);

        WebhookDelivery first = claim(due, tenant, id);
        Instant afterFirstLease = due.plus(LEASE).plusSeconds(1);
        WebhookDelivery second = claim(afterFirstLease, tenant, id);

        WebhookAttempt late = new WebhookAttempt(1, due, "https://receiver.example/hook", 200, 40_000, null);
        assertFalse(QuarkusTransaction.requiringNew().call(() -> deliveries.recordAttempt(first, late, WebhookDeliveryState.DELIVERED, due)),
                "the first instance's lease was taken over");
        WebhookDelivery afterLate = deliveries.find(tenant, id).orElseThrow();
        assertEquals(WebhookDeliveryState.PENDING, afterLate.state(), "still the second instance's to decide");
        assertEquals(second.leaseUntil(), afterLate.leaseUntil(), "the second instance keeps its lease");

        WebhookAttempt failed = new WebhookAttempt(2, afterFirstLease, "https://receiver.example/hook", 503, 12, "the receiver answered 503");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> deliveries.recordAttempt(second, failed, WebhookDeliveryState.PENDING,
                afterFirstLease.plusSeconds(10))));
        WebhookDelivery recorded = deliveries.find(tenant, id).orElseThrow();
        assertEquals(WebhookDeliveryState.PENDING, recorded.state());
        assertEquals(2, recorded.attempts());
        assertEquals(503, recorded.lastStatus());
        assertEquals(List.of(1, 2), deliveries.attempts(id).stream().map(WebhookAttempt::attempt).toList(),
                "both attempts were made and both are in the log");
    }

    /** Claims as an instance would at {@code now}; the other tests' deliveries it claimed too are given back at once. */
    private WebhookDelivery claim(Instant now, String tenant, String id) throws SQLException {
        List<WebhookDelivery> claimed = QuarkusTransaction.requiringNew().call(() -> deliveries.claimDue(now, now.plus(LEASE), 1000, List.of()));
        List<String> others = claimed.stream().map(WebhookDelivery::id).filter(other -> !other.equals(id)).toList();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("update webhook_deliveries set lease_until = null where id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", others.toArray()));
            statement.executeUpdate();
        }
        return claimed.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("delivery " + id + " of " + tenant + " was not claimed at " + now));
    }

    private void setNextAttempt(String id, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("update webhook_deliveries set next_attempt_at = ? where id = ?")) {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, id);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
