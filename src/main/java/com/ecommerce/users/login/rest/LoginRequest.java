package com.ecommerce.users.login.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "Login")
public record LoginRequest(
        @LoginEmail @Schema(examples = "ada@example.com") String email,
        @LoginPassword @Schema(examples = "plum kettle orbit lantern", writeOnly = true) String password) {
}
