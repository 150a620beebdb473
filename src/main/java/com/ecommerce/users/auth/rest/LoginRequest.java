package com.ecommerce.users.auth.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "Login")
public record LoginRequest(
        @NotNull @Size(max = 255) @Schema(examples = "ada@example.com") String email,
        @NotNull @Size(max = 1024) @Schema(examples = "correct horse battery staple", writeOnly = true) String password) {
}
