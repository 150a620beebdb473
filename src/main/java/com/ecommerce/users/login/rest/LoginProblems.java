package com.ecommerce.users.login.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.login.InvalidGrantException;
import com.ecommerce.users.login.LoginFailedException;
import com.ecommerce.users.login.SessionNotFoundException;
import com.ecommerce.users.platform.problem.Problem;
import com.ecommerce.users.platform.problem.ProblemResponses;

/** What the login's and the sessions' exceptions mean in HTTP (OAuth error codes where RFC 6749 has them). */
public class LoginProblems {

    @ServerExceptionMapper
    public Response loginFailed(LoginFailedException e, UriInfo uri) {
        return ProblemResponses.of(401, "invalid-credentials", "Invalid credentials",
                "The email or password is wrong, or there were too many attempts; try again later", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.BEARER_CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response invalidGrant(InvalidGrantException e, UriInfo uri) {
        return oauth("invalid-grant", "Invalid grant", "The refresh token is unknown, expired, revoked or used "
                + "already; log in again", "invalid_grant", uri);
    }

    @ServerExceptionMapper
    public Response unsupportedGrantType(UnsupportedGrantTypeException e, UriInfo uri) {
        return oauth("unsupported-grant-type", "Unsupported grant type", "Only grant_type=refresh_token is accepted "
                + "here; log in with a password at /auth/login", "unsupported_grant_type", uri);
    }

    @ServerExceptionMapper
    public Response sessionNotFound(SessionNotFoundException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.NOT_FOUND, "You have no session with this id", uri).build();
    }

    private static Response oauth(String slug, String title, String detail, String error, UriInfo uri) {
        return Response.status(400)
                .type(Problem.MEDIA_TYPE)
                .entity(new OAuthProblem(ProblemResponses.TYPE_PREFIX + slug, title, 400, detail,
                        uri.getRequestUri().getRawPath(), null, error))
                .build();
    }
}
