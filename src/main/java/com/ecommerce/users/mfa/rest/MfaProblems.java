package com.ecommerce.users.mfa.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.mfa.MfaAlreadyEnabledException;
import com.ecommerce.users.mfa.MfaCodeRequiredException;
import com.ecommerce.users.mfa.MfaNotEnrolledException;
import com.ecommerce.users.mfa.SecondFactorUnavailableException;
import com.ecommerce.users.mfa.WrongMfaCodeException;
import com.ecommerce.users.platform.problem.ProblemResponses;

/** What the second factor's exceptions mean in HTTP. */
public class MfaProblems {

    @ServerExceptionMapper
    public Response codeRequired(MfaCodeRequiredException e, UriInfo uri) {
        return ProblemResponses.of(403, "mfa-code-required", "Second factor required",
                "This account has a second factor: send code (from your authenticator app) or recoveryCode beside "
                        + "currentPassword", uri).build();
    }

    @ServerExceptionMapper
    public Response wrongCode(WrongMfaCodeException e, UriInfo uri) {
        return ProblemResponses.of(403, "wrong-mfa-code", "Wrong code",
                "The code is wrong, used already, or there were too many attempts; try again later", uri).build();
    }

    @ServerExceptionMapper
    public Response alreadyEnabled(MfaAlreadyEnabledException e, UriInfo uri) {
        return ProblemResponses.of(409, "mfa-already-enabled", "Second factor already on",
                "This account has a confirmed second factor; turn it off first to enrol another", uri).build();
    }

    @ServerExceptionMapper
    public Response notEnrolled(MfaNotEnrolledException e, UriInfo uri) {
        return ProblemResponses.of(409, "mfa-not-enrolled", "No second factor",
                "This account has no second factor in that state: enrol with POST /users/me/mfa/totp first", uri).build();
    }

    @ServerExceptionMapper
    public Response unavailable(SecondFactorUnavailableException e, UriInfo uri) {
        return ProblemResponses.of(503, "mfa-unavailable", "Second factor unavailable",
                "The service has no key for second-factor secrets; tell its operators", uri)
                .header(HttpHeaders.RETRY_AFTER, 3600).build();
    }
}
