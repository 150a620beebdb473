package com.ecommerce.users.user.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.account.DuplicateEmailException;
import com.ecommerce.users.account.InvalidEmailAddressException;
import com.ecommerce.users.account.UserInUseException;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.platform.problem.Problem;
import com.ecommerce.users.platform.problem.ProblemResponses;
import com.ecommerce.users.user.ForbiddenChangeException;
import com.ecommerce.users.user.LastAdminException;
import com.ecommerce.users.user.VersionMismatchException;
import com.ecommerce.users.user.WrongPasswordException;

/** What the account use cases' exceptions mean in HTTP. */
public class UserProblems {

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
    public Response versionMismatch(VersionMismatchException e, UriInfo uri) {
        return ProblemResponses.of(412, "version-mismatch", "Precondition failed",
                "The account changed since the version named in If-Match; fetch it again", uri).build();
    }

    @ServerExceptionMapper
    public Response forbiddenChange(ForbiddenChangeException e, UriInfo uri) {
        return ProblemResponses.of(403, "forbidden-change", "Change not allowed", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response wrongPassword(WrongPasswordException e, UriInfo uri) {
        return ProblemResponses.of(403, "wrong-password", "Wrong password",
                "The current password is wrong, or there were too many attempts; try again later", uri).build();
    }

    @ServerExceptionMapper
    public Response lastAdmin(LastAdminException e, UriInfo uri) {
        return ProblemResponses.of(409, "last-admin", "Last admin",
                "This account is the only admin; make another account an admin first", uri).build();
    }

    @ServerExceptionMapper
    public Response inUse(UserInUseException e, UriInfo uri) {
        return ProblemResponses.of(409, "user-in-use", "User still referenced",
                "Other records (such as orders) still reference this account", uri).build();
    }
}
