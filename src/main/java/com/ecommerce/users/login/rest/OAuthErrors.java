package com.ecommerce.users.login.rest;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.ecommerce.users.platform.problem.Problem;

/**
 * Every 400 of the token and logout endpoints names its OAuth error (RFC 6749, section 5.2; RFC 7009, section 2.2.1),
 * which OAuth client libraries read: a request that is malformed or misses a field, answered as the service's usual
 * problem by its usual mappers (validation, JSON), is {@code invalid_request} here. invalid_grant and
 * unsupported_grant_type are {@link OAuthProblem}s already.
 */
public class OAuthErrors {

    @ServerResponseFilter
    public void invalidRequest(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (response.getStatus() == 400 && response.getEntity() instanceof Problem problem
                && resource != null && resource.getResourceClass() == TokenResource.class) {
            response.setEntity(OAuthProblem.invalidRequest(problem));
        }
    }
}
