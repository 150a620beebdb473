package com.ecommerce.users.account;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.Problem;
import com.ecommerce.users.platform.problem.ProblemResponses;

/** What the account layer's exceptions mean in HTTP, wherever a use case lets them through. */
public class AccountProblems {

    @ServerExceptionMapper
    public Response notFound(UserNotFoundException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.NOT_FOUND, "No user exists with this id", uri).build();
    }

    @ServerExceptionMapper
    public Response duplicateEmail(DuplicateEmailException e, UriInfo uri) {
        return ProblemResponses.of(409, "duplicate-email", "Email already registered",
                "An account with this email address already exists", uri).build();
    }

    /** An address the request records' {@code @AccountEmail} let through is checked again by the use case. */
    @ServerExceptionMapper
    public Response invalidEmail(InvalidEmailAddressException e, UriInfo uri) {
        return ProblemResponses.validation(List.of(new Problem.FieldError("email", e.reason().detail())), uri).build();
    }

    @ServerExceptionMapper
    public Response inUse(UserInUseException e, UriInfo uri) {
        return ProblemResponses.of(409, "user-in-use", "User still referenced",
                "Other records (such as orders) still reference this account", uri).build();
    }
}
