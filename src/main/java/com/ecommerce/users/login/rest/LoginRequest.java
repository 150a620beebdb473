package com.ecommerce.users.login.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "Login")
public record LoginRequest(
        // no address holds a control character, and PostgreSQL cannot even compare text holding NUL
        @NotNull @Size(max = 255)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        @Schema(examples = "ada@example.com") String email,
        @NotNull @Size(max = 1024) @Schema(examples = "correct horse battery staple", writeOnly = true) String password) {

    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}]*";
    /** The same rule for the form login, compiled once. */
    static final java.util.regex.Pattern CONTROL_CHARACTER = java.util.regex.Pattern.compile("\\p{Cc}");
}
