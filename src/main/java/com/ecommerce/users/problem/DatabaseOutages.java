package com.ecommerce.users.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database outage (answered 503 with Retry-After) from any other failure (500): pool acquisition timeouts
 * and broken connections. By exception type only, never by message: messages change between Agroal, pgjdbc and
 * Hibernate versions without notice, and a changed message would silently turn every outage into a 500.
 */
final class DatabaseOutages {

    private DatabaseOutages() {
    }

    /**
     * Whether {@code e}, or anything in its cause chain, says the database cannot be reached. What each type stands
     * for (DatabaseUnavailableTests pins Agroal's part against the real pool):
     * <ul>
     * <li>SQLState class 08, or SQLTransientConnectionException (which Hibernate turns into JDBCConnectionException):
     * pgjdbc could not connect, or lost the connection;</li>
     * <li>a SQLException caused by a TimeoutException: Agroal 3.0 when opening a connection outlasts the acquisition
     * timeout ("Acquisition timeout while waiting for new connection", a black-holed database);</li>
     * <li>a plain {@code java.sql.SQLException} without a SQLState: Agroal 3.0 raises exactly that, without a cause,
     * when no pooled connection frees up in time ("Sorry, acquisition timeout!"), and for its other failures to
     * hand out a connection (health-check timeout, pool closing, interrupted wait); Hibernate wraps it in a
     * GenericJDBCException. The driver never does: pgjdbc reports what the database or the network did with its
     * own subclass, PSQLException, and a SQLState.</li>
     * </ul>
     */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08")) {
                    return true;
                }
                if (sql.getCause() instanceof TimeoutException) {
                    return true;
                }
                if (sql.getClass() == SQLException.class && state == null) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
