package com.ecommerce.users.platform.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database outage (answered 503 with Retry-After) from any other failure (500): pool acquisition timeouts
 * and broken connections. By exception type only, never by message: messages change between Agroal, pgjdbc and
 * Hibernate versions without notice, and a changed message would silently turn every outage into a 500.
 */
public final class DatabaseOutages {

    /** admin_shutdown, crash_shutdown, cannot_connect_now (PostgreSQL's class 57, operator intervention). */
    private static final Set<String> SERVER_ENDED_CONNECTION = Set.of("57P01", "57P02", "57P03");
    /** Cause chains and suppressed exceptions searched at most this deep: a cycle must not loop. */
    private static final int MAX_DEPTH = 32;

    private DatabaseOutages() {
    }

    /**
     * Whether {@code e}, or anything in its cause chain or among the exceptions suppressed along it, says the database
     * cannot be reached. What each type stands for (DatabaseUnavailableTests pins Agroal's part against the real pool,
     * ConnectionLostMidRequestTests the rest):
     * <ul>
     * <li>SQLState class 08, or SQLTransientConnectionException (which Hibernate turns into JDBCConnectionException):
     * pgjdbc could not connect, or lost the connection;</li>
     * <li>SQLState 57P01, 57P02, 57P03: the server ended the connection (shutdown, restart, failover, an administrator)
     * or does not accept connections yet;</li>
     * <li>a SQLException caused by a TimeoutException: Agroal 3.0 when opening a connection outlasts the acquisition
     * timeout ("Acquisition timeout while waiting for new connection", a black-holed database);</li>
     * <li>a plain {@code java.sql.SQLException} without a SQLState: Agroal 3.0 raises exactly that, without a cause,
     * when no pooled connection frees up in time ("Sorry, acquisition timeout!"), and for its other failures to
     * hand out a connection (health-check timeout, pool closing, interrupted wait); Hibernate wraps it in a
     * GenericJDBCException. The driver never does: pgjdbc reports what the database or the network did with its
     * own subclass, PSQLException, and a SQLState.</li>
     * </ul>
     * A connection lost in the COMMIT reaches here as Narayana's RollbackException (or a heuristic outcome), the
     * driver's exception being suppressed in it, not its cause: hence the suppressed ones are searched too. The
     * write's outcome is then unknown; a retry succeeds or finds it done.
     */
    public static boolean isOutage(Throwable e) {
        return isOutage(e, 0);
    }

    private static boolean isOutage(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (saysOutage(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isOutage(suppressed, depth + 1)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean saysOutage(Throwable t) {
        if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || SERVER_ENDED_CONNECTION.contains(state))) {
                return true;
            }
            if (sql.getCause() instanceof TimeoutException) {
                return true;
            }
            return sql.getClass() == SQLException.class && state == null;
        }
        return false;
    }
}
