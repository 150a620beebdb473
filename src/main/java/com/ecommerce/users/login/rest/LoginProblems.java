package com.ecommerce.users.login.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.login.InvalidGrantException;
import com.ecommerce.users.login.LoginFailedException;
import com.ecommerce.users.login.MfaRequiredException;
import com.ecommerce.users.login.SecondStepFailedException;
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
    public Response mfaRequired(MfaRequiredException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.BEARER_CHALLENGE)
                .entity(new MfaRequiredProblem(ProblemResponses.TYPE_PREFIX + "mfa-required", "Second factor required",
                        401, "The password is right; send mfa_token with a code of your authenticator app (or a recovery "
                                + "code) to POST /auth/login/mfa",
                        uri.getRequestUri().getRawPath(), "mfa_required", e.mfaToken()))
                .build();
    }

    @ServerExceptionMapper
    public Response secondStepFailed(SecondStepFailedException e, UriInfo uri) {
        String slug = e.wrongCode() ? "wrong-mfa-code" : "invalid-mfa-token";
        String title = e.wrongCode() ? "Wrong code" : "Invalid mfa_token";
        String detail = e.wrongCode() ? "The code is wrong, used already, or there were too many attempts"
                : "The mfa_token is unknown, expired, used, or dead after too many wrong codes; log in again";
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.BEARER_CHALLENGE)
                .entity(new OAuthProblem(ProblemResponses.TYPE_PREFIX + slug, title, 401, detail,
                        uri.getRequestUri().getRawPath(), null, "invalid_grant"))
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
