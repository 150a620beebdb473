package com.ecommerce.users.platform.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json} for every error. {@code type} is
 * {@code about:blank} when the HTTP status says it all, otherwise a URN naming the problem.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(examples = "urn:problem:user-service:duplicate-email") String type,
        @Schema(examples = "Email already registered") String title,
        @Schema(examples = "409") int status,
        @Schema(examples = "An account with this email address already exists") String detail,
        @Schema(examples = "/users") String instance,
        @Schema(description = "Which fields were rejected, for validation problems") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @RegisterForReflection
    @Schema(name = "FieldError")
    public record FieldError(@Schema(examples = "email") String field,
            @Schema(examples = "must be a well-formed email address") String message) {
    }
}
