package com.ecommerce.users.recovery.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.account.AccountEmail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The address of a forgotten password. */
@RegisterForReflection
@Schema(name = "PasswordRecovery")
public record RecoveryRequest(
        // the rules of a registration's email: mail goes to no other address
        @NotNull @Size(max = 255) @AccountEmail
        @Schema(examples = "ada@example.com", maxLength = 255)
        String email) {

    public RecoveryRequest {
        email = email == null ? null : email.strip();
    }
}
