package com.ecommerce.users.login.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Logout as JSON, checked by the resource as {@link RefreshRequest} is. */
@RegisterForReflection
@Schema(name = "LogoutRequest")
public record LogoutRequest(
        @JsonProperty("refresh_token") @Schema(required = true, writeOnly = true) String refreshToken) {

    @Override
    public String toString() {
        return "LogoutRequest[]"; // never the token
    }
}
