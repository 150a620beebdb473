package com.ecommerce.users.user.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A page of accounts; {@code next} is the {@code after} cursor of the following page, {@code null} on the last. */
@RegisterForReflection
@Schema(name = "UserPage")
public record UserPageResponse(
        List<UserResponse> items,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, examples = "aWQ6NDI") String next) {
}
