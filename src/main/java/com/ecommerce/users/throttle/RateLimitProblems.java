package com.ecommerce.users.throttle;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.ProblemResponses;

/** 429 with Retry-After: a request over its rate limit (mail resends, password recovery per client). */
public class RateLimitProblems {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return ProblemResponses.of(429, "too-many-requests", "Too many requests",
                "Too many requests of this kind; retry after the time in Retry-After", uri)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }
}
