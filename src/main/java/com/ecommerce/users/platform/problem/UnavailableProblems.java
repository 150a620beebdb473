package com.ecommerce.users.platform.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 503 with Retry-After: the database out of reach (see platform.database.DatabaseOutages). */
public class UnavailableProblems {

    private static final Logger LOG = Logger.getLogger(UnavailableProblems.class);

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
