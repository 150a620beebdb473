package com.ecommerce.users.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An OAuth 2.0 token response (RFC 6749, section 5.1). */
@RegisterForReflection
@Schema(name = "Token")
public record TokenResponse(
        @JsonProperty("access_token") @Schema(description = "RS256-signed JWT") String accessToken,
        @JsonProperty("token_type") @Schema(examples = "bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until it expires", examples = "900") long expiresIn) {
}
