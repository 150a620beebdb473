package com.ecommerce.users.introspection.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.introspection.ClientAuthenticationException;
import com.ecommerce.users.platform.problem.ProblemResponses;

/** What the introspection's exceptions mean in HTTP. */
public class IntrospectionProblems {

    static final String BASIC_CHALLENGE = "Basic realm=\"user-service\", charset=\"UTF-8\"";

    @ServerExceptionMapper
    public Response clientAuthentication(ClientAuthenticationException e, UriInfo uri) {
        return ProblemResponses.of(401, "invalid-client", "Invalid client",
                "Introspection needs the credentials of a client, with HTTP Basic", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE)
                .build();
    }
}
