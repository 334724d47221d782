package io.cpaas.tenant.persistence;

import java.sql.SQLException;

/** A database call failed; carries the SQL state so services can tell a conflict from an outage. */
public class PersistenceFailure extends RuntimeException {

    private static final String UNIQUE_VIOLATION = "23505";

    public PersistenceFailure(String what, SQLException cause) {
        super(what + " failed: " + cause.getMessage(), cause);
    }

    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }
}
