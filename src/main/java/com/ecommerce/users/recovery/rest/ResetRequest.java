package com.ecommerce.users.recovery.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A reset link's token and the new password, under the rules of a registration's (user.rest.NewUserRequest). */
@RegisterForReflection
@Schema(name = "PasswordReset")
public record ResetRequest(
        @NotNull @Size(max = 128)
        @Schema(description = "The token parameter of the link in the mail", maxLength = 128)
        String token,

        @NotNull @Size(min = 8, max = 1024) @Pattern(regexp = "[^\\p{Cs}]*", message = "must be well-formed Unicode text")
        @Schema(description = "8 to 1024 characters", minLength = 8, maxLength = 1024, writeOnly = true)
        String newPassword) {

    @Override
    public String toString() {
        return "ResetRequest[...]";
    }
}
