package com.ecommerce.users.user.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "PasswordChange")
public record PasswordChangeRequest(
        @NotNull @Size(max = 1024) @Schema(writeOnly = true) String currentPassword,
        @NotNull @Size(min = 8, max = 1024) @Pattern(regexp = UserRules.WELL_FORMED, message = UserRules.TEXT_MESSAGE)
        @Schema(writeOnly = true, minLength = 8, maxLength = 1024) String newPassword) {
}
