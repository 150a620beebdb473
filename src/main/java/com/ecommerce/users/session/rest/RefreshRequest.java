package com.ecommerce.users.session.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The refresh grant as JSON, with the form's field names (RFC 6749, section 6). */
@RegisterForReflection
@Schema(name = "RefreshRequest")
public record RefreshRequest(
        @JsonProperty("grant_type") @NotNull @Schema(examples = "refresh_token") String grantType,
        @JsonProperty("refresh_token") @NotNull @Size(max = 256) @Schema(writeOnly = true) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[]"; // never the token
    }
}
