package com.ecommerce.users.login.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.login.LoginFailedException;
import com.ecommerce.users.platform.problem.ProblemResponses;

public class LoginProblems {

    @ServerExceptionMapper
    public Response loginFailed(LoginFailedException e, UriInfo uri) {
        return ProblemResponses.of(401, "invalid-credentials", "Invalid credentials",
                "The email or password is wrong, or there were too many attempts; try again later", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.BEARER_CHALLENGE)
                .build();
    }
}
