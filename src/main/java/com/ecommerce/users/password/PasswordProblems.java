package com.ecommerce.users.password;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.ProblemResponses;

/** 503 with Retry-After: too many password hashes in progress ({@link HashingLimiter}). */
public class PasswordProblems {

    @ServerExceptionMapper
    public Response hashingBusy(PasswordHashingBusyException e, UriInfo uri) {
        return ProblemResponses.of(503, "overloaded", "Service overloaded",
                "Too many password operations are in progress; retry later", uri)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }
}
