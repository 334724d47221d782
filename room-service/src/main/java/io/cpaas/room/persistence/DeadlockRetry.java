package io.cpaas.room.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs work in a transaction of its own and runs it again when PostgreSQL aborted it to break a
 * deadlock (SQLSTATE 40P01). Lock orders keep the common paths apart (rooms before workers), but a
 * join and a heartbeat can still meet on participant rows; the one chosen as the victim changed
 * nothing, so it is safe to repeat.
 */
public final class DeadlockRetry {

    private static final Logger LOG = Logger.getLogger(DeadlockRetry.class);
    private static final String DEADLOCK_DETECTED = "40P01";
    static final int ATTEMPTS = 3;

    private DeadlockRetry() {
    }

    public static <T> T inNewTransaction(String what, Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                LOG.infof("%s was chosen to break a deadlock; running it again (attempt %d of %d)", what, attempt + 1, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    static boolean isDeadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A few milliseconds, growing and jittered, so the transactions that met do not meet again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L * attempt, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying after a deadlock", e);
        }
    }
}
