package com.ecommerce.users.user.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.ProblemResponses;
import com.ecommerce.users.user.ForbiddenChangeException;
import com.ecommerce.users.user.LastAdminException;
import com.ecommerce.users.user.VersionMismatchException;

/** What the account use cases' exceptions mean in HTTP. */
public class UserProblems {

    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatchException e, UriInfo uri) {
        return ProblemResponses.of(412, "version-mismatch", "Precondition failed",
                "The account changed since the version named in If-Match; fetch it again", uri).build();
    }

    @ServerExceptionMapper
    public Response forbiddenChange(ForbiddenChangeException e, UriInfo uri) {
        return ProblemResponses.of(403, "forbidden-change", "Change not allowed", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response lastAdmin(LastAdminException e, UriInfo uri) {
        return ProblemResponses.of(409, "last-admin", "Last admin",
                "This account is the only admin; make another account an admin first", uri).build();
    }

}
