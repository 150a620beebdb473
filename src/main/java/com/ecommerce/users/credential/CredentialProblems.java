package com.ecommerce.users.credential;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.ProblemResponses;

/** What the password check's refusal means in HTTP, for every feature that asks for the current password. */
public class CredentialProblems {

    @ServerExceptionMapper
    public Response wrongPassword(WrongPasswordException e, UriInfo uri) {
        return ProblemResponses.of(403, "wrong-password", "Wrong password",
                "The current password is wrong, or there were too many attempts; try again later", uri).build();
    }
}
