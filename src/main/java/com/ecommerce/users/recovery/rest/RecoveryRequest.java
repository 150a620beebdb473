package com.ecommerce.users.recovery.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The address of a forgotten password. */
@RegisterForReflection
@Schema(name = "PasswordRecovery")
public record RecoveryRequest(
        // the rules of a registration's email (user.rest.NewUserRequest)
        @NotNull @Size(max = 255) @Email @Pattern(regexp = "[^\\p{Cc}\\p{Cs}\\s]*", message = "must be a well-formed email address")
        @Schema(examples = "ada@example.com", maxLength = 255)
        String email) {

    public RecoveryRequest {
        email = email == null ? null : email.strip();
    }
}
