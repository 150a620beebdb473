package com.ecommerce.users.recovery.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.account.NewPassword;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A reset link's token and the new password, under the rules of a registration's (user.rest.NewUserRequest). */
@RegisterForReflection
@Schema(name = "PasswordReset")
public record ResetRequest(
        @NotNull @Size(max = 128)
        @Schema(description = "The token parameter of the link in the mail", maxLength = 128)
        String token,

        @NotNull @NewPassword
        @Schema(description = "8 to 1024 characters", minLength = 8, maxLength = 1024, writeOnly = true)
        String newPassword) {

    @Override
    public String toString() {
        return "ResetRequest[...]";
    }
}
