package com.ecommerce.users.login.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The refresh grant as JSON, with the form's field names (RFC 6749, section 6). Checked by the resource as the form is,
 * not by Bean Validation, which would name a missing field by its Java name (refreshToken).
 */
@RegisterForReflection
@Schema(name = "RefreshRequest")
public record RefreshRequest(
        @JsonProperty("grant_type") @Schema(required = true, examples = "refresh_token") String grantType,
        @JsonProperty("refresh_token") @Schema(required = true, writeOnly = true) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[]"; // never the token
    }
}
