package com.ecommerce.users.verification.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The token of a verification link ({@code ?token=...}), as the shop's page posts it. */
@RegisterForReflection
@Schema(name = "EmailVerification")
public record VerifyEmailRequest(
        @NotNull @Size(max = 128)
        @Schema(description = "The token parameter of the link in the mail", examples = "q3FzX0l8m2k1Yb9dTq7w8Qv2hJ5sR4uN6cE0aPzLxYg",
                maxLength = 128)
        String token) {

    @Override
    public String toString() {
        return "VerifyEmailRequest[token=...]";
    }
}
