package com.ecommerce.users.session.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "LogoutRequest")
public record LogoutRequest(
        @JsonProperty("refresh_token") @NotNull @Size(max = 256) @Schema(writeOnly = true) String refreshToken) {

    @Override
    public String toString() {
        return "LogoutRequest[]"; // never the token
    }
}
