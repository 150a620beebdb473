package com.ecommerce.users.platform.database;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;

/**
 * When the pool discards a connection that the driver had already closed, because the database stopped answering it
 * (a failed validation, a statement cut off by socketTimeout or a reset), every idle connection goes too: they share
 * the network path and are most likely dead as well.
 *
 * <p>Without this, Agroal 3.0 validates them one by one on the next request: against a black-holed database each
 * check waits out validation-query-timeout, and one request waited 21 s for 18 pooled connections (DatabaseOutageIT)
 * instead of failing within the acquisition timeout. Agroal 3.1 does the same itself (AG-302); this can go once
 * Quarkus ships it.
 */
@ApplicationScoped
public class StaleConnectionEviction implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(StaleConnectionEviction.class);

    /** Looked up when needed: the pool is built with its interceptors, so it cannot be injected into one. */
    private final Instance<AgroalDataSource> dataSource;

    StaleConnectionEviction(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void onConnectionDestroy(Connection connection) {
        // pgjdbc closes a connection on any I/O error or timeout; one reaped for idleness or at shutdown is still open
        if (!closedByDriver(connection)) {
            return;
        }
        try {
            dataSource.get().flush(AgroalDataSource.FlushMode.IDLE);
            LOG.warn("A database connection broke; closing the idle ones, which most likely broke with it");
        } catch (RuntimeException e) {
            LOG.debugf("Could not flush idle connections (%s); the pool is probably closing", e.getClass().getSimpleName());
        }
    }

    private static boolean closedByDriver(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
