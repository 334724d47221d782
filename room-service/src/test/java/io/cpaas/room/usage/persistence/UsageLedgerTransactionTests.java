package io.cpaas.room.usage.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.room.support.TenantServiceProcess;
import io.cpaas.room.usage.Granularity;
import io.cpaas.room.usage.UsageBucket;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TenantServiceProcess.class)
class UsageLedgerTransactionTests {

    private static final Instant TEN = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-25T11:00:00Z");

    @Inject
    UsageLedger ledger;

    /**
     * Participants of one tenant leaving in two transactions at once across an hour boundary: one first adds
     * to 11:00, the other to 10:00, then both add a span over both hours. Written as they came, each would
     * wait for the row the other holds and PostgreSQL would abort one (deadlock detected).
     */
    @Test
    void twoTransactionsAddingToTheSameHoursInOppositeOrdersBothCommitAndAddUp() throws Exception {
        String tenant = "tn_ledger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            ledger.addParticipantTime(tenant, ELEVEN.plusSeconds(10), ELEVEN.plusSeconds(20));
            await(bothStarted);
            ledger.addParticipantTime(tenant, ELEVEN.minusSeconds(60), ELEVEN.plusSeconds(60));
        }));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            ledger.addParticipantTime(tenant, ELEVEN.minusSeconds(10), ELEVEN.minusSeconds(5));
            await(bothStarted);
            ledger.addParticipantTime(tenant, ELEVEN.minusSeconds(60), ELEVEN.plusSeconds(60));
        }));

        CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);

        List<UsageBucket> hours = ledger.buckets(tenant, TEN, ELEVEN.plusSeconds(3600), Granularity.HOUR);
        assertEquals(2, hours.size(), hours.toString());
        assertEquals(5_000 + 2 * 60_000, hours.get(0).participantMillis(), "10:00: 5 s and twice 60 s");
        assertEquals(10_000 + 2 * 60_000, hours.get(1).participantMillis(), "11:00: 10 s and twice 60 s");
    }

    @Test
    void outsideATransactionTheLedgerIsWrittenAtOnce() {
        String tenant = "tn_ledger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        ledger.addRoomTime(tenant, TEN.plusSeconds(30), TEN.plusSeconds(90));
        ledger.raisePeak(tenant, TEN.plusSeconds(30), 7);
        ledger.addTraffic(tenant, TEN.plusSeconds(30), 100, 200);

        List<UsageBucket> hours = ledger.buckets(tenant, TEN, ELEVEN, Granularity.HOUR);
        assertEquals(1, hours.size(), hours.toString());
        assertEquals(60_000, hours.get(0).roomMillis());
        assertEquals(7, hours.get(0).peakParticipants());
        assertEquals(100, hours.get(0).bytesIn());
        assertEquals(200, hours.get(0).bytesOut());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
