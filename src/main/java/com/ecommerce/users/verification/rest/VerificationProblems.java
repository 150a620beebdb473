package com.ecommerce.users.verification.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.ProblemResponses;
import com.ecommerce.users.verification.EmailAlreadyVerifiedException;
import com.ecommerce.users.verification.EmailNotVerifiedException;

/** What the verification use cases' exceptions mean in HTTP. */
public class VerificationProblems {

    @ServerExceptionMapper
    public Response notVerified(EmailNotVerifiedException e, UriInfo uri) {
        return ProblemResponses.of(403, "email-not-verified", "Email not verified",
                "Confirm your email address with the link mailed to it first; for a new link, use password recovery "
                        + "(POST /auth/password-recovery): setting a new password with its link confirms the address too",
                uri)
                .build();
    }

    @ServerExceptionMapper
    public Response alreadyVerified(EmailAlreadyVerifiedException e, UriInfo uri) {
        return ProblemResponses.of(409, "email-already-verified", "Email already verified",
                "The account's email address is verified already", uri).build();
    }
}
