package com.ecommerce.users.platform.problem;

import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.database.DatabaseOutages;

/**
 * The fallback, for every exception no other mapper claims: a database outage found anywhere in the cause chain is
 * a 503; anything else a 500 whose answer carries only a reference to the logged error.
 */
public class UnexpectedProblems {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblems.class);

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return of(e, uri);
    }

    static Response of(Throwable e, UriInfo uri) {
        if (DatabaseOutages.isOutage(e)) {
            return UnavailableProblems.databaseUnavailable(uri);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return ProblemResponses.of(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; reference " + reference, uri).build();
    }
}
