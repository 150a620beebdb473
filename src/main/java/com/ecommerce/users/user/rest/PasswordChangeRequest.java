package com.ecommerce.users.user.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.account.NewPassword;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "PasswordChange")
public record PasswordChangeRequest(
        @NotNull @Size(max = 1024) @Schema(writeOnly = true) String currentPassword,
        @NotNull @NewPassword
        @Schema(writeOnly = true, minLength = 8, maxLength = 1024) String newPassword,
        @Size(max = 16) @Schema(description = "The second factor's code: required on an account with one",
                examples = "123456", writeOnly = true) String code,
        @Size(max = 64) @Schema(description = "A recovery code, instead of code", writeOnly = true) String recoveryCode) {
}
