package com.ecommerce.users.user.rest;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of one's own deletion on an account with a second factor: a code, or a recovery code. */
@RegisterForReflection
@Schema(name = "Deletion")
public record DeletionRequest(
        @Size(max = 16) @Schema(examples = "123456", writeOnly = true) String code,
        @Size(max = 64) @Schema(description = "Instead of code", writeOnly = true) String recoveryCode) {
}
