package com.ecommerce.users.platform.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.password.PasswordHashingBusyException;

/** 503 with Retry-After: too many password hashes in progress, or the database out of reach (see DatabaseOutages). */
public class UnavailableProblems {

    private static final Logger LOG = Logger.getLogger(UnavailableProblems.class);

    @ServerExceptionMapper
    public Response hashingBusy(PasswordHashingBusyException e, UriInfo uri) {
        return ProblemResponses.of(503, "overloaded", "Service overloaded",
                "Too many password operations are in progress; retry later", uri)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response databaseConnection(JDBCConnectionException e, UriInfo uri) {
        return databaseUnavailable(uri);
    }

    static Response databaseUnavailable(UriInfo uri) {
        LOG.warn("Database unavailable; answering 503");
        return ProblemResponses.of(503, "database-unavailable", "Database unavailable",
                "The database cannot be reached; retry later", uri)
                .header(HttpHeaders.RETRY_AFTER, 5)
                .build();
    }
}
