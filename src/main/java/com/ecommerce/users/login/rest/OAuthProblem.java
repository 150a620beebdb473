package com.ecommerce.users.login.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.platform.problem.Problem;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem that is also an OAuth 2.0 error response (RFC 6749, section 5.2): the {@code error} member is
 * what OAuth client libraries read to decide that the user must log in again.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OAuthProblem", description = "RFC 9457 problem details with the OAuth 2.0 error code")
public record OAuthProblem(
        @Schema(examples = "urn:problem:user-service:invalid-grant") String type,
        @Schema(examples = "Invalid grant") String title,
        @Schema(examples = "400") int status,
        String detail,
        String instance,
        @Schema(description = "Which fields were rejected, for invalid_request") List<Problem.FieldError> errors,
        @Schema(examples = "invalid_grant", enumeration = { "invalid_request", "invalid_grant",
                "unsupported_grant_type" }) String error) {

    /** A malformed or incomplete request, as the service's problem for it says, with OAuth's name for it. */
    static OAuthProblem invalidRequest(Problem problem) {
        return new OAuthProblem(problem.type(), problem.title(), problem.status(), problem.detail(), problem.instance(),
                problem.errors(), "invalid_request");
    }
}
