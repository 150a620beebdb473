package com.ecommerce.users.user.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.account.AccountEmail;
import com.ecommerce.users.account.NewPassword;
import com.ecommerce.users.account.PersonName;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Registration body. Only these three properties exist: anything else (id, role...) is rejected. */
@RegisterForReflection
@Schema(name = "NewUser")
public record NewUserRequest(
        @NotNull @PersonName
        @Schema(description = "Display name, 1 to 50 characters; surrounding spaces are removed", examples = "Ada Lovelace")
        String name,

        @NotNull @Size(max = 255) @AccountEmail
        @Schema(description = "Unique whatever its letter case or Unicode spelling (docs/security.md, \"Email addresses\")",
                examples = "ada@example.com", maxLength = 255)
        String email,

        @NotNull @NewPassword
        @Schema(description = "8 to 1024 characters; stored only as an Argon2id hash", examples = "plum kettle orbit lantern",
                minLength = 8, maxLength = 1024, writeOnly = true)
        String password) {

    public NewUserRequest {
        name = name == null ? null : name.strip();
        email = email == null ? null : email.strip();
    }
}
