package com.ecommerce.users.login.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The first step's answer for an account with a second factor: an RFC 9457 problem with the OAuth-style error member
 * {@code mfa_required} and the token of the second step ({@code POST /auth/login/mfa}).
 */
@RegisterForReflection
@Schema(name = "MfaRequired")
public record MfaRequiredProblem(
        @Schema(examples = "urn:problem:user-service:mfa-required") String type,
        @Schema(examples = "Second factor required") String title,
        @Schema(examples = "401") int status,
        String detail,
        String instance,
        @Schema(examples = "mfa_required") String error,
        @JsonProperty("mfa_token") @Schema(description = "Single-use, for POST /auth/login/mfa, valid 5 minutes")
        String mfaToken) {

    @Override
    public String toString() {
        return "MfaRequiredProblem[]"; // never the token
    }
}
