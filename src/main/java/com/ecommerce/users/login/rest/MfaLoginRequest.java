package com.ecommerce.users.login.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A login's second step: the mfa_token of the first, and a code from the app or a recovery code. */
@RegisterForReflection
@Schema(name = "MfaLogin")
public record MfaLoginRequest(
        @JsonProperty("mfa_token") @NotNull @Size(max = 64) @Schema(description = "From the 401 mfa_required answer")
        String mfaToken,
        @Size(max = 16) @Schema(description = "The authenticator app's current code", examples = "123456",
                writeOnly = true) String code,
        @JsonProperty("recovery_code") @Size(max = 64) @Schema(description = "One of the recovery codes, instead of code",
                writeOnly = true) String recoveryCode) {
}
