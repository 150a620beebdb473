package com.ecommerce.users.platform.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** A missing or refused bearer token (401, with its RFC 6750 challenge), or a role the caller lacks (403). */
public class SecurityProblems {

    /** No credentials on an operation that needs them. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.UNAUTHORIZED, "This operation needs a bearer token", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.BEARER_CHALLENGE)
                .build();
    }

    /** A token that is malformed, expired, badly signed, or of a deleted account or an older password. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.UNAUTHORIZED, "The bearer token is invalid or expired; log in again", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.INVALID_TOKEN_CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.FORBIDDEN, "This operation needs the admin role", uri).build();
    }
}
