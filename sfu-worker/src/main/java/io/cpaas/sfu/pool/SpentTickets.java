package io.cpaas.sfu.pool;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Join tickets already used on this worker, kept until they expire: a ticket admits one connection,
 * so one seen on the wire (a proxy log, a shared link) cannot be replayed to take over the session.
 * Tickets live 30 s, so the set holds at most the last 30 s of joins.
 */
@ApplicationScoped
public class SpentTickets {

    private static final int PRUNE_EVERY = 256;

    private final Map<String, Instant> spent = new ConcurrentHashMap<>();
    private final AtomicInteger sincePrune = new AtomicInteger();

    /** Marks the ticket used; false when it was used before (and has not expired since). */
    public boolean spend(String ticketId, Instant expiresAt, Instant now) {
        if (sincePrune.incrementAndGet() >= PRUNE_EVERY) {
            sincePrune.set(0);
            spent.values().removeIf(expiry -> expiry.isBefore(now));
        }
        return spent.putIfAbsent(ticketId, expiresAt) == null;
    }

    int size() {
        return spent.size();
    }
}
